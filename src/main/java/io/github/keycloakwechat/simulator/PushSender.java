package io.github.keycloakwechat.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs pushes to message servers the way WeChat does (§7.3): an answer must come within the push timeout (5 s),
 * else the connection is dropped and the push sent again, three tries in total. "总共重试三次" could also mean
 * three retries after the first try: the simulator reads it as three tries [UNCONFIRMED]. Any HTTP answer in time
 * ends the delivery; only silence (or no connection) is retried.
 */
final class PushSender implements AutoCloseable {

    static final int TRIES = 3;
    private static final String USER_AGENT = "Mozilla/4.0 (WeChat simulator; message push)";

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wechat-sim-push");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NEVER)
            // HTTP/1.1 as WeChat's pushes: no h2c upgrade headers the receiver would have to cope with.
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** Sends until an answer comes or the tries are used up; the caller waits. */
    List<PushDelivery.Attempt> deliver(PushEnvelope envelope, Duration timeout) {
        List<PushDelivery.Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            PushDelivery.Attempt attempt = attempt(envelope, timeout);
            attempts.add(attempt);
            if (attempt.answered()) {
                break;
            }
        }
        return attempts;
    }

    /** The final status of a delivery with these attempts. */
    static PushDelivery.Status status(List<PushDelivery.Attempt> attempts) {
        PushDelivery.Attempt last = attempts.get(attempts.size() - 1);
        if (!last.answered()) {
            return PushDelivery.Status.NO_ANSWER;
        }
        if (last.httpStatus() != 200) {
            return PushDelivery.Status.HTTP_ERROR;
        }
        return last.reply().isEmpty() || last.reply().equals("success")
                ? PushDelivery.Status.ACKNOWLEDGED : PushDelivery.Status.REPLIED;
    }

    private PushDelivery.Attempt attempt(PushEnvelope envelope, Duration timeout) {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> answer = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(envelope.url()))
                    .timeout(timeout)
                    .header("Content-Type", "text/xml")
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.body()))
                    .build();
            answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            // The whole answer, body included, within the timeout: not only its first bytes.
            HttpResponse<String> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new PushDelivery.Attempt(envelope.url(), envelope.body(), response.statusCode(), response.body(),
                    millisSince(started), null);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return unanswered(envelope, started, noAnswerWithin(timeout));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                // The request's own timer, set to the same timeout, may fire a moment before ours: the same outcome.
                return unanswered(envelope, started, noAnswerWithin(timeout));
            }
            return unanswered(envelope, started, String.valueOf(e.getCause()));
        } catch (IllegalArgumentException e) {
            return unanswered(envelope, started, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (answer != null) {
                answer.cancel(true);
            }
            return unanswered(envelope, started, "interrupted");
        }
    }

    private static String noAnswerWithin(Duration timeout) {
        return "no answer within " + timeout.toMillis() + " ms";
    }

    private static PushDelivery.Attempt unanswered(PushEnvelope envelope, long started, String why) {
        return new PushDelivery.Attempt(envelope.url(), envelope.body(), 0, null, millisSince(started), why);
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

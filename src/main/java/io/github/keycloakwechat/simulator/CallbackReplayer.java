package io.github.keycloakwechat.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the last callback URL sent to a browser and replays callback URLs server-side, as the WeChat-side
 * fetchers in the duplicate-callback reports do (§4.3): a plain GET, no cookies, redirects not followed.
 */
final class CallbackReplayer implements AutoCloseable {

    private static final String USER_AGENT = "Mozilla/5.0 (WeChat simulator; duplicate callback replay)";

    private final AtomicReference<String> lastCallbackUrl = new AtomicReference<>();
    private final List<CallbackReplay> replays = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wechat-sim-replay");
        t.setDaemon(true);
        return t;
    });
    private volatile HttpClient client;

    void issued(String url) {
        lastCallbackUrl.set(url);
    }

    String lastCallbackUrl() {
        return lastCallbackUrl.get();
    }

    List<CallbackReplay> replays() {
        return new ArrayList<>(replays);
    }

    void replayLater(String url, Duration delay) {
        scheduler.schedule(() -> replayNow(url), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    CallbackReplay replayNow(String url) {
        CallbackReplay result;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("User-Agent", USER_AGENT)
                    .GET()
                    .build();
            HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
            result = new CallbackReplay(url, response.statusCode(), null);
        } catch (IOException | IllegalArgumentException e) {
            result = new CallbackReplay(url, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new CallbackReplay(url, -1, e.toString());
        }
        replays.add(result);
        return result;
    }

    void clear() {
        lastCallbackUrl.set(null);
        replays.clear();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Created on first use: most runs never replay. */
    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
                }
                c = client;
            }
        }
        return c;
    }
}

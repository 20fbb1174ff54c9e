package io.github.keycloakwechat.simulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A message server for the tests: records every push as it arrived and answers as told, per push number
 * (0 for the first): after a delay, with a status and a body.
 */
final class PushReceiver implements AutoCloseable {

    /** One push as it arrived. */
    record Received(String rawQuery, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How to answer a push. */
    record Answer(Duration delay, int status, String body) {

        static Answer reply(String body) {
            return new Answer(Duration.ZERO, 200, body);
        }

        static Answer after(Duration delay, String body) {
            return new Answer(delay, 200, body);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    PushReceiver(IntFunction<Answer> answers) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                int number = received.size();
                received.add(new Received(exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), in.readAllBytes()));
                Answer answer = answers.apply(number);
                Thread.sleep(answer.delay().toMillis());
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            } catch (InterruptedException | IOException e) {
                // the simulator gave up on this push and closed the connection, as WeChat does
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** Answers every push {@code success} at once. */
    static PushReceiver acknowledging() {
        return new PushReceiver(n -> Answer.reply("success"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

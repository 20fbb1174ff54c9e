package io.github.keycloakwechat.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that gives every request the same answer (status, Content-Type, body, optional Location) and
 * records what it was asked: WeChat's answers served byte for byte, without the simulator in between.
 */
public final class FixedAnswerServer implements AutoCloseable {

    /** What a request looked like on the wire. */
    public record Received(String method, String path, String rawQuery, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();

    private FixedAnswerServer(HttpServer server) {
        this.server = server;
    }

    /** Answers HTTP 200 with {@code body} under {@code contentType} (none when null). */
    public static FixedAnswerServer answering(String contentType, byte[] body) {
        return start(200, contentType, request -> body, null);
    }

    /** Answers HTTP 200 with a body built from the request, e.g. one that echoes the query as a gateway might. */
    public static FixedAnswerServer echoing(String contentType, Function<Received, String> body) {
        return start(200, contentType, request -> body.apply(request).getBytes(StandardCharsets.UTF_8), null);
    }

    /** Answers a redirect to {@code location} built from the request. */
    public static FixedAnswerServer redirecting(int status, Function<Received, String> location) {
        return start(status, null, request -> new byte[0], location);
    }

    private static FixedAnswerServer start(int status, String contentType, Function<Received, byte[]> body,
                                           Function<Received, String> location) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FixedAnswerServer server = new FixedAnswerServer(http);
            http.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            exchange.getRequestURI().getRawQuery(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    server.record(request);
                    byte[] bytes = body.apply(request);
                    if (contentType != null) {
                        exchange.getResponseHeaders().set("Content-Type", contentType);
                    }
                    if (location != null) {
                        exchange.getResponseHeaders().set("Location", location.apply(request));
                    }
                    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                    if (bytes.length > 0) {
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(bytes);
                        }
                    }
                } finally {
                    exchange.close();
                }
            });
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void record(Received request) {
        received.add(request);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request so far, oldest first. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

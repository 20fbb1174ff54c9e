package io.github.keycloakwechat.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.keycloakwechat.it.support.FormEncoding;

/**
 * The OIDC client's redirect_uri, served on 127.0.0.1 for the benchmark's Chromium: notes the moment each sign-in's
 * browser arrives (by the client's {@code state}), which is the moment it left Keycloak. Timed here, in the
 * benchmark's process, so that no WebDriver polling sits in the measurement. Also answers {@code success} at
 * {@code /wechat-messages}, a message server that only lets the benchmark read what WeChat pushes.
 */
final class ClientCallback implements AutoCloseable {

    /** A browser at the redirect_uri: when (System.nanoTime) and with which query parameters. */
    record Arrival(long nanos, Map<String, String> params) {

        /** The authorization code Keycloak sent, or an exception naming Keycloak's error. */
        String code() {
            String code = params.get("code");
            if (code == null) {
                throw new IllegalStateException("arrived at the redirect_uri without a code: " + params);
            }
            return code;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, CompletableFuture<Arrival>> arrivals = new ConcurrentHashMap<>();

    private ClientCallback(HttpServer server) {
        this.server = server;
    }

    static ClientCallback start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            ClientCallback callback = new ClientCallback(server);
            server.createContext("/callback", callback::arrived);
            server.createContext("/wechat-messages", exchange -> answer(exchange, 200, "text/plain", "success"));
            server.setExecutor(callback.executor);
            server.start();
            return callback;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve the client's redirect_uri", e);
        }
    }

    String redirectUri() {
        return base() + "/callback";
    }

    /** A message server that reads nothing and answers success. */
    String messageSink() {
        return base() + "/wechat-messages";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits for the browser of {@code state} to arrive (it may have arrived already). */
    Arrival await(String state, Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return future(state).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            arrivals.remove(state);
        }
    }

    private CompletableFuture<Arrival> future(String state) {
        return arrivals.computeIfAbsent(state, s -> new CompletableFuture<>());
    }

    private void arrived(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = query == null ? Map.of() : FormEncoding.decodeQuery(query);
        String state = params.get("state");
        if (state != null) {
            future(state).complete(new Arrival(now, params));
        }
        answer(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><title>Signed in</title><p>Back at the client.");
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

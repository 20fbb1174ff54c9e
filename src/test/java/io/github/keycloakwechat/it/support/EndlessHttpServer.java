package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * An http server on 127.0.0.1 whose answer to every request never ends in time: HTTP 200 at once, then a chunk of
 * spaces every so often for a minute. A stand-in for a broken proxy in front of WeChat, or a WeChat answer that
 * trickles in byte by byte.
 */
public final class EndlessHttpServer implements AutoCloseable {

    private static final int SECONDS = 60;

    private final HttpServer server;
    private final ExecutorService threads;

    private EndlessHttpServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Answers with {@code chunkBytes} spaces every {@code everyMillis} ms, for a minute. */
    public static EndlessHttpServer start(int chunkBytes, int everyMillis) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] chunk = " ".repeat(chunkBytes).getBytes(StandardCharsets.US_ASCII);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long i = 0; i < SECONDS * 1000L / everyMillis; i++) {
                        out.write(chunk);
                        out.flush();
                        Thread.sleep(everyMillis);
                    }
                } catch (InterruptedException | IOException hungUp) {
                    // the client gave up: what it should do
                }
            });
            ExecutorService threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "endless-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(threads);
            server.start();
            return new EndlessHttpServer(server, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the endless http server", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

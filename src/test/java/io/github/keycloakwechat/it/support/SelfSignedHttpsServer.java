package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An https server on 127.0.0.1 with a certificate nobody trusts (self-signed, made by the JDK's keytool at start):
 * a stand-in for a WeChat API host behind an interception proxy or a DNS hijack. It answers every request with a
 * plausible WeChat token answer, so a client that wrongly trusted it would carry on, and it counts the requests
 * that got through the TLS handshake.
 */
public final class SelfSignedHttpsServer implements AutoCloseable {

    private static final char[] PASSWORD = "self-signed-test".toCharArray();

    private final HttpsServer server;
    private final Path directory;
    private final AtomicInteger requests = new AtomicInteger();

    private SelfSignedHttpsServer(HttpsServer server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    /** Starts on a free port, answering every request with {@code body} (HTTP 200, {@code text/plain}). */
    public static SelfSignedHttpsServer start(String body) {
        try {
            Path directory = Files.createTempDirectory("self-signed-https");
            SSLContext tls = SSLContext.getInstance("TLS");
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(selfSignedKeyStore(directory.resolve("self-signed.p12")), PASSWORD);
            tls.init(keys.getKeyManagers(), null, null);

            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            SelfSignedHttpsServer https = new SelfSignedHttpsServer(server, directory);
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                https.requests.incrementAndGet();
                try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    in.readAllBytes();
                    exchange.getResponseHeaders().add("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, answer.length);
                    out.write(answer);
                }
            });
            server.start();
            return https;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the self-signed https server", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS with the self-signed certificate", e);
        }
    }

    /** {@code https://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests that completed the TLS handshake: 0 for a client that refused the certificate. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** A key pair and self-signed certificate for localhost and 127.0.0.1, valid for a day. */
    private static KeyStore selfSignedKeyStore(Path file) throws IOException, GeneralSecurityException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "wechat-api",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "1",
                "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}

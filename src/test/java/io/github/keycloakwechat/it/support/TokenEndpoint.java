package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A realm's token endpoint, as an app's server (or a mini program's {@code wx.request}) calls it: a form POST. */
public final class TokenEndpoint {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI uri;
    /** The Host header a load balancer in front of the node passes on; {@code null}: the node's own. */
    private final String publicHost;

    public TokenEndpoint(String baseUrl, String realm) {
        this(baseUrl, realm, null);
    }

    private TokenEndpoint(String baseUrl, String realm, String publicHost) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.uri = URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token");
        this.publicHost = publicHost;
    }

    /**
     * The token endpoint of one cluster node reached through a load balancer that keeps the public Host header, as
     * in production: Keycloak then names the same issuer on every node, and a token of one node is accepted by another.
     */
    public static TokenEndpoint behindLoadBalancer(String nodeBaseUrl, String publicBaseUrl, String realm) {
        return new TokenEndpoint(nodeBaseUrl, realm, URI.create(publicBaseUrl).getRawAuthority());
    }

    /** What Keycloak answered: the status and the JSON body (tokens, or {@code error} and {@code error_description}). */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status == 200;
        }

        public String error() {
            return body.path("error").asText(null);
        }

        public String description() {
            return body.path("error_description").asText("");
        }

        /** The tokens of a successful answer; fails with Keycloak's error otherwise. */
        public JsonNode tokens() {
            if (!ok()) {
                throw new AssertionError("The token endpoint answered " + status + ": " + body);
            }
            return body;
        }

        /** The access token's claims. */
        public JsonNode accessClaims() {
            return OidcLogin.claims(tokens().path("access_token").asText());
        }
    }

    public Answer post(Map<String, String> form) {
        if (publicHost != null) {
            return postWithHost(FormEncoding.encode(form));
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form)))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), Json.parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: POST " + uri, e);
        }
    }

    /** HTTP/1.1 by hand: the JDK's HTTP client refuses to set a Host header of its own. */
    private Answer postWithHost(String form) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + publicHost
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String payload = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (response.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                payload = dechunk(payload);
            }
            return new Answer(status, Json.parse(payload));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " (Host " + publicHost + ") failed", e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}

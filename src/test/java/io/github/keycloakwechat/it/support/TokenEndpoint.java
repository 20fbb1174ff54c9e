package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A realm's token endpoint, as an app's server (or a mini program's {@code wx.request}) calls it: a form POST. */
public final class TokenEndpoint {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI uri;

    public TokenEndpoint(String baseUrl, String realm) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.uri = URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token");
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
}

package io.github.keycloakwechat.benchmark.github;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.github.keycloakwechat.it.support.FormEncoding;

/** An answer of the stand-in before it is written: status, Content-Type (null: none), body, Location (or null). */
record GitHubReply(int status, String contentType, byte[] body, String location) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static GitHubReply json(int status, Object value) {
        try {
            return new GitHubReply(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), null);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GitHubReply form(Map<String, String> fields) {
        return new GitHubReply(200, "application/x-www-form-urlencoded; charset=utf-8",
                FormEncoding.encode(fields).getBytes(StandardCharsets.UTF_8), null);
    }

    static GitHubReply text(int status, String text) {
        return new GitHubReply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), null);
    }

    static GitHubReply redirect(String location) {
        return new GitHubReply(302, null, new byte[0], location);
    }

    void write(HttpExchange exchange) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

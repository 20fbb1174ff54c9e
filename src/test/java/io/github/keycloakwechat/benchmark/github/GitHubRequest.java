package io.github.keycloakwechat.benchmark.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.keycloakwechat.it.support.FormEncoding;

/** What the stand-in reads of a request: method, path, query and form parameters, headers and cookies. */
record GitHubRequest(String method, String path, Map<String, String> query, Map<String, String> form, Headers headers) {

    /** A token request is a short form; anything longer is not Keycloak's. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    static GitHubRequest from(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean isForm = contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
        return new GitHubRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                FormEncoding.decodeQuery(exchange.getRequestURI().getRawQuery()),
                FormEncoding.decodeQuery(isForm ? body : null), exchange.getRequestHeaders());
    }

    /** A form parameter, else a query parameter, else null: GitHub takes the token request's fields in either. */
    String param(String name) {
        return form.getOrDefault(name, query.get(name));
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    /** The value of the cookie the browser sent under this name, or null. */
    String cookie(String name) {
        String cookies = header("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String cookie : cookies.split(";")) {
            String[] nameAndValue = cookie.trim().split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].equals(name)) {
                return nameAndValue[1];
            }
        }
        return null;
    }
}

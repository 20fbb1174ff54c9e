package io.github.keycloakwechat.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed request: query parameters in their original order (the OA authorize page checks the order),
 * {@code application/x-www-form-urlencoded} body parameters (some clients POST the code exchange), and the raw
 * body (the {@code cgi-bin} and {@code wxa} calls take JSON).
 */
final class Request {

    private static final int MAX_BODY_BYTES = 1 << 20;

    final String method;
    final String path;
    final String rawQuery;
    private final List<Map.Entry<String, String>> query;
    private final List<Map.Entry<String, String>> form;
    private final String userAgent;
    private final Map<String, List<String>> headers;
    private final String body;

    Request(String method, String path, String rawQuery, String formBody, String userAgent) {
        this(method, path, rawQuery, formBody, userAgent, Map.of(), formBody);
    }

    /** {@code formBody} is the body when it is a form (else null); {@code body} is the body in any case (or null). */
    Request(String method, String path, String rawQuery, String formBody, String userAgent, Map<String, List<String>> headers,
            String body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parse(rawQuery);
        this.form = parse(formBody);
        this.userAgent = userAgent;
        this.headers = headers;
        this.body = body == null ? "" : body;
    }

    static Request from(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
        }
        boolean isForm = contentType == null
                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        return new Request(method, exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                isForm && !body.isEmpty() ? body : null, exchange.getRequestHeaders().getFirst("User-Agent"),
                exchange.getRequestHeaders(), body);
    }

    /** A query parameter, else a form parameter (first occurrence), else null. */
    String param(String name) {
        String value = find(query, name);
        return value != null ? value : find(form, name);
    }

    /** A query parameter only. */
    String query(String name) {
        return find(query, name);
    }

    /** Query parameter names in request order, duplicates included. */
    List<String> queryNames() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> e : query) {
            names.add(e.getKey());
        }
        return names;
    }

    /** The first value of a request header (case-insensitive name when read from a live exchange), or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The value of a cookie the browser sent, or null. */
    String cookie(String name) {
        String cookies = header("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String pair : cookies.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                return pair.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** The request body as UTF-8 text, whatever its Content-Type; empty when there is none. */
    String body() {
        return body;
    }

    String userAgent() {
        return userAgent == null ? "" : userAgent;
    }

    private static String find(List<Map.Entry<String, String>> pairs, String name) {
        for (Map.Entry<String, String> e : pairs) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static List<Map.Entry<String, String>> parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Collections.emptyList();
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String part : encoded.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        }
        return pairs;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return s;
        }
    }
}

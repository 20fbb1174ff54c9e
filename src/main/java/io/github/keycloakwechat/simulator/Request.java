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
 * A parsed request: query parameters in their original order (the OA authorize page checks the order) and
 * {@code application/x-www-form-urlencoded} body parameters (some clients POST the code exchange).
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

    Request(String method, String path, String rawQuery, String formBody, String userAgent) {
        this(method, path, rawQuery, formBody, userAgent, Map.of());
    }

    Request(String method, String path, String rawQuery, String formBody, String userAgent, Map<String, List<String>> headers) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parse(rawQuery);
        this.form = parse(formBody);
        this.userAgent = userAgent;
        this.headers = headers;
    }

    static Request from(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String formBody = null;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES);
            boolean isForm = contentType == null
                    || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
            if (isForm && body.length > 0) {
                formBody = new String(body, StandardCharsets.UTF_8);
            }
        }
        return new Request(method, exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                formBody, exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRequestHeaders());
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

package io.github.keycloakwechat.it.support;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A browser's cookie jar (RFC 6265 in the parts Keycloak uses). {@link java.net.CookieManager} does not fit:
 * it never sends {@code Secure} cookies over http, while browsers treat {@code http://localhost} as a secure
 * context and Keycloak marks its login cookies {@code Secure} there; and it re-quotes values of RFC 2965 cookies.
 */
public final class CookieJar extends CookieHandler {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final DateTimeFormatter NETSCAPE_EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss zzz", Locale.ROOT);

    private record Cookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                          Instant expires) {

        boolean sameSlot(Cookie other) {
            return name.equals(other.name) && domain.equals(other.domain) && path.equals(other.path);
        }

        boolean expired(Instant now) {
            return expires != null && !expires.isAfter(now);
        }
    }

    private final List<Cookie> cookies = new ArrayList<>();

    @Override
    public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String header = matching(uri).stream()
                .map(cookie -> cookie.name() + "=" + cookie.value())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
                values.forEach(value -> store(uri, value));
            }
        });
    }

    /** The cookies a request to {@code uri} would carry, longest path first. */
    synchronized List<HttpCookie> cookies(URI uri) {
        return matching(uri).stream().map(cookie -> new HttpCookie(cookie.name(), cookie.value())).toList();
    }

    synchronized void clear() {
        cookies.clear();
    }

    private List<Cookie> matching(URI uri) {
        Instant now = Instant.now();
        cookies.removeIf(cookie -> cookie.expired(now));
        String host = host(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        boolean secureContext = "https".equalsIgnoreCase(uri.getScheme()) || LOOPBACK_HOSTS.contains(host);
        return cookies.stream()
                .filter(cookie -> cookie.hostOnly() ? host.equals(cookie.domain())
                        : host.equals(cookie.domain()) || host.endsWith("." + cookie.domain()))
                .filter(cookie -> pathMatches(path, cookie.path()))
                .filter(cookie -> !cookie.secure() || secureContext)
                .sorted(Comparator.comparingInt((Cookie cookie) -> cookie.path().length()).reversed())
                .toList();
    }

    private void store(URI uri, String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        if (equals <= 0) {
            return; // browsers ignore a cookie without a name
        }
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        String domain = null;
        String path = null;
        boolean secure = false;
        Instant expires = null;
        Instant maxAgeExpires = null;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int eq = attribute.indexOf('=');
            String key = (eq < 0 ? attribute : attribute.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String attributeValue = eq < 0 ? "" : attribute.substring(eq + 1).trim();
            switch (key) {
                case "domain" -> domain = attributeValue.startsWith(".") ? attributeValue.substring(1) : attributeValue;
                case "path" -> path = attributeValue.startsWith("/") ? attributeValue : null;
                case "secure" -> secure = true;
                case "max-age" -> maxAgeExpires = maxAge(attributeValue);
                case "expires" -> expires = expires(attributeValue);
                default -> {
                    // HttpOnly, SameSite, Version: no effect on what this browser sends
                }
            }
        }
        String host = host(uri);
        boolean hostOnly = domain == null || domain.isEmpty();
        Cookie cookie = new Cookie(name, value, hostOnly ? host : domain.toLowerCase(Locale.ROOT), hostOnly,
                path != null ? path : defaultPath(uri), secure, maxAgeExpires != null ? maxAgeExpires : expires);
        cookies.removeIf(cookie::sameSlot);
        if (!cookie.expired(Instant.now())) {
            cookies.add(cookie);
        }
    }

    private static boolean pathMatches(String requestPath, String cookiePath) {
        return requestPath.equals(cookiePath)
                || requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** RFC 6265 5.1.4: the request path up to, not including, its last slash. */
    private static String defaultPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.lastIndexOf('/') == 0) {
            return "/";
        }
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static Instant maxAge(String seconds) {
        try {
            long value = Long.parseLong(seconds);
            return value <= 0 ? Instant.EPOCH : Instant.now().plusSeconds(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant expires(String date) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.RFC_1123_DATE_TIME, NETSCAPE_EXPIRES)) {
            try {
                return ZonedDateTime.parse(date, format).toInstant();
            } catch (DateTimeParseException tryNext) {
                // next format
            }
        }
        return null; // unreadable: a session cookie, as browsers treat it
    }
}

package io.github.keycloakwechat.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Parsing redirect_uri values and appending the callback parameters the way WeChat does (§1.2). */
final class CallbackUrls {

    private CallbackUrls() {
    }

    /** The redirect URI if it is an absolute http(s) URL with a host, else null. */
    static URI parse(String redirectUri) {
        if (redirectUri == null || redirectUri.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(redirectUri);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static boolean hostMatches(URI uri, String domain) {
        return uri.getHost().equalsIgnoreCase(domain);
    }

    /**
     * Appends the parameters to the query ({@code ?} or {@code &}), before any {@code #fragment}, values
     * URL-encoded.
     */
    static String append(String redirectUri, Map<String, String> params) {
        int hash = redirectUri.indexOf('#');
        String base = hash < 0 ? redirectUri : redirectUri.substring(0, hash);
        String fragment = hash < 0 ? "" : redirectUri.substring(hash);
        StringBuilder url = new StringBuilder(base);
        if (base.indexOf('?') < 0) {
            url.append('?');
        } else if (!base.endsWith("?") && !base.endsWith("&")) {
            url.append('&');
        }
        boolean first = true;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!first) {
                url.append('&');
            }
            first = false;
            url.append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return url.append(fragment).toString();
    }
}

package io.github.keycloakwechat.simulator;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Each Official Account's message server (服务器配置, §7.3): where WeChat pushes events, the Token it signs them
 * with, and, in compatible and safe mode, the EncodingAESKey. Configuration, like the apps: kept by reset.
 */
final class MessageServers {

    /** The admin page takes a Token of 3 to 32 letters and digits. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");

    record MessageServer(String url, String token, String encodingAesKey, PushMode mode) {
    }

    private final Map<String, MessageServer> servers = new HashMap<>();

    synchronized MessageServer configure(String appId, String url, String token, String encodingAesKey, PushMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the message server URL is not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("the message server URL starts http:// or https://, got " + url);
        }
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a Token is 3 to 32 letters and digits");
        }
        if (mode.encrypted() || encodingAesKey != null) {
            new PushCrypt(encodingAesKey); // refuses a key that is not 43 Base64 characters
        }
        MessageServer server = new MessageServer(url, token, encodingAesKey, mode);
        servers.put(appId, server);
        return server;
    }

    /** The app's message server, or null when none is configured (WeChat then pushes nothing). */
    synchronized MessageServer get(String appId) {
        return servers.get(appId);
    }
}

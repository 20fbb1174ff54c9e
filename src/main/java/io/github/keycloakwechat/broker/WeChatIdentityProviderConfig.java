package io.github.keycloakwechat.broker;

import java.net.URI;
import java.time.Duration;

import org.keycloak.broker.oidc.OAuth2IdentityProviderConfig;
import org.keycloak.common.util.UriUtils;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

/**
 * The WeChat provider's settings, read from the identity provider's config map. The key names are a
 * public contract: admins set them through the admin REST API and realm imports.
 *
 * <p>{@code clientId} is the website application's AppID and {@code clientSecret} its AppSecret
 * (a {@code ${vault.key}} reference works there).
 */
public class WeChatIdentityProviderConfig extends OAuth2IdentityProviderConfig {

    public static final String API_BASE_URL = "apiBaseUrl";
    public static final String OPEN_BASE_URL = "openBaseUrl";
    public static final String TIMEOUT_MILLIS = "timeoutMillis";

    public static final String DEFAULT_API_BASE_URL = "https://api.weixin.qq.com";
    public static final String DEFAULT_OPEN_BASE_URL = "https://open.weixin.qq.com";
    public static final int DEFAULT_TIMEOUT_MILLIS = 5000;
    static final int MIN_TIMEOUT_MILLIS = 100;
    static final int MAX_TIMEOUT_MILLIS = 60000;

    public WeChatIdentityProviderConfig() {
    }

    public WeChatIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    /** Where {@code /sns/*} lives (server to server). */
    public String getApiBaseUrl() {
        return valueOrDefault(API_BASE_URL, DEFAULT_API_BASE_URL);
    }

    /** Where the browser is sent to scan or authorize. */
    public String getOpenBaseUrl() {
        return valueOrDefault(OPEN_BASE_URL, DEFAULT_OPEN_BASE_URL);
    }

    /** The bound on each WeChat call (connect, wait for a connection, read). */
    public Duration getTimeout() {
        String value = getConfig().get(TIMEOUT_MILLIS);
        if (value == null || value.isBlank()) {
            return Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);
        }
        long millis = Long.parseLong(value.trim());
        return Duration.ofMillis(Math.max(MIN_TIMEOUT_MILLIS, Math.min(MAX_TIMEOUT_MILLIS, millis)));
    }

    @Override
    public void validate(RealmModel realm) {
        // The inherited OAuth2 URLs are unused: WeChat's come from the two base URLs.
        checkBaseUrl(realm, API_BASE_URL, getApiBaseUrl());
        checkBaseUrl(realm, OPEN_BASE_URL, getOpenBaseUrl());
        String timeout = getConfig().get(TIMEOUT_MILLIS);
        if (timeout != null && !timeout.isBlank()) {
            try {
                long millis = Long.parseLong(timeout.trim());
                if (millis < MIN_TIMEOUT_MILLIS || millis > MAX_TIMEOUT_MILLIS) {
                    throw new IllegalArgumentException(TIMEOUT_MILLIS + " must be between " + MIN_TIMEOUT_MILLIS
                            + " and " + MAX_TIMEOUT_MILLIS);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(TIMEOUT_MILLIS + " must be a number of milliseconds");
            }
        }
    }

    private static void checkBaseUrl(RealmModel realm, String key, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(key + " must be an absolute https URL");
        }
        // Plain http only where the realm's "Require SSL" policy allows it, as for Keycloak's own providers.
        UriUtils.checkUrl(realm.getSslRequired(), value, key);
    }

    private String valueOrDefault(String key, String defaultValue) {
        String value = getConfig().get(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }
}

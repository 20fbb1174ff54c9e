package io.github.keycloakwechat.apptoken;

import java.util.Map;

/**
 * An app access token as the cluster keeps it: the token and when to replace it, in seconds of Keycloak's clock.
 * Stored as the string notes Keycloak's single-use store takes.
 */
record CachedAppToken(String token, long refreshAt) {

    /**
     * How long before WeChat's expiry a token is replaced: stable_token rolls over five minutes before, so a token
     * fetched later than that is a new one, valid for the next two hours.
     */
    static final long REFRESH_MARGIN_SECONDS = 300;
    private static final String NOTE_TOKEN = "token";
    private static final String NOTE_REFRESH_AT = "refreshAt";

    /** A token WeChat has just given, valid {@code expiresIn} seconds from {@code now}. */
    static CachedAppToken fetched(String token, long expiresIn, long now) {
        // A short-lived answer (WeChat's overlap window) is used for its first half, not for nothing.
        return new CachedAppToken(token, now + expiresIn - Math.min(REFRESH_MARGIN_SECONDS, expiresIn / 2));
    }

    /** What the store holds, or {@code null} for nothing usable. */
    static CachedAppToken of(Map<String, String> notes) {
        if (notes == null || notes.get(NOTE_TOKEN) == null) {
            return null;
        }
        try {
            return new CachedAppToken(notes.get(NOTE_TOKEN), Long.parseLong(notes.get(NOTE_REFRESH_AT)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    Map<String, String> notes() {
        return Map.of(NOTE_TOKEN, token, NOTE_REFRESH_AT, Long.toString(refreshAt));
    }

    /** Good to use at {@code now}, unless it is the one WeChat just called invalid. */
    boolean usableAt(long now, String rejected) {
        return now < refreshAt && !token.equals(rejected);
    }

    @Override
    public String toString() {
        // The token stays out of logs.
        return "CachedAppToken[refreshAt=" + refreshAt + "]";
    }
}

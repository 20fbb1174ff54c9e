package io.github.keycloakwechat.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins waiting on the QR page or the consent page, by a random handle (the hosted page's uuid) carried
 * in a hidden form field. A handle completes at most once.
 */
final class PendingLogins {

    record Pending(String uuid, String appId, String redirectUri, String state, String scope,
                   boolean navigateTop, long expiresAt) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final SimClock clock;

    PendingLogins(SimClock clock) {
        this.clock = clock;
    }

    Pending create(String appId, String redirectUri, String state, String scope, boolean navigateTop, Duration ttl) {
        long now = clock.millis();
        pending.values().removeIf(p -> now >= p.expiresAt());
        Pending p = new Pending(Identifiers.requestId(), appId, redirectUri, state, scope, navigateTop, now + ttl.toMillis());
        pending.put(p.uuid(), p);
        return p;
    }

    /** The live pending login, or null if unknown, completed or expired. */
    Pending peek(String uuid) {
        Pending p = uuid == null ? null : pending.get(uuid);
        return p == null || clock.millis() >= p.expiresAt() ? null : p;
    }

    /** Removes and returns the live pending login; null if another request already took it. */
    Pending take(String uuid) {
        Pending p = uuid == null ? null : pending.remove(uuid);
        return p == null || clock.millis() >= p.expiresAt() ? null : p;
    }

    void clear() {
        pending.clear();
    }
}

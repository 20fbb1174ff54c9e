package io.github.keycloakwechat.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * App access tokens, the {@code cgi-bin} kind (§7.1, §11): one per app and channel, the stable channel
 * ({@code /cgi-bin/stable_token}) isolated from the classic one ({@code /cgi-bin/token}). All methods are
 * synchronized: concurrent callers of the stable channel must get the same token.
 */
final class AppTokens {

    static final Duration TTL = Duration.ofSeconds(7200);
    /** Before expiry, the stable channel rolls over; the classic one keeps the replaced token valid this long. */
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final Duration FORCE_INTERVAL = Duration.ofSeconds(30);
    static final int FORCE_PER_DAY = 20;
    static final int CLASSIC_PER_DAY = 2000;
    /** WeChat's daily quotas reset at midnight, Beijing time. */
    private static final ZoneId QUOTA_ZONE = ZoneId.of("Asia/Shanghai");
    /** How long an expired token is still recognised as one (42001 rather than 40001). */
    private static final Duration REMEMBER_EXPIRED = Duration.ofDays(1);

    enum Channel { STABLE, CLASSIC }

    /** One token; {@code expiresAt} may be brought forward when a classic call replaces it. */
    record AppToken(String token, String appId, Channel channel, long expiresAt) {
    }

    /** The answer to a token request: a token, or over a daily quota (45009). */
    record Issued(AppToken token, long expiresInSeconds, boolean overQuota) {
    }

    private record Key(String appId, Channel channel) {
    }

    private static final class State {
        AppToken current;
        LocalDate day;
        int forcedToday;
        int classicToday;
        /** When the last forced refresh happened; null before the first. */
        Long lastForcedAt;
    }

    private final Map<String, AppToken> byToken = new HashMap<>();
    private final Map<Key, State> states = new HashMap<>();
    private final SimClock clock;

    AppTokens(SimClock clock) {
        this.clock = clock;
    }

    /**
     * {@code /cgi-bin/stable_token}. Normal mode: the current token while it has more than 5 minutes left, else a
     * new one (the old stays valid until its own expiry). Forced: the current token dies and a new one is issued,
     * at most 20 times a day (then 45009); a forced call within 30 s of the last forced one does not refresh.
     */
    synchronized Issued stable(String appId, boolean forceRefresh) {
        long now = clock.millis();
        State state = state(appId, Channel.STABLE, now);
        boolean live = state.current != null && byToken.containsKey(state.current.token()) && now < state.current.expiresAt();
        if (forceRefresh && live && state.lastForcedAt != null && now - state.lastForcedAt < FORCE_INTERVAL.toMillis()) {
            return answer(state.current, now);
        }
        if (forceRefresh) {
            if (state.forcedToday >= FORCE_PER_DAY) {
                return new Issued(null, 0, true);
            }
            state.forcedToday++;
            state.lastForcedAt = now;
            forget(appId, Channel.STABLE);
            return answer(issue(state, appId, Channel.STABLE, now), now);
        }
        if (live && now < state.current.expiresAt() - OVERLAP.toMillis()) {
            return answer(state.current, now);
        }
        return answer(issue(state, appId, Channel.STABLE, now), now);
    }

    /**
     * {@code /cgi-bin/token}: every call a new token; the one it replaces stays valid 5 more minutes at most.
     * 2000 calls a day (then 45009).
     */
    synchronized Issued classic(String appId) {
        long now = clock.millis();
        State state = state(appId, Channel.CLASSIC, now);
        if (state.classicToday >= CLASSIC_PER_DAY) {
            return new Issued(null, 0, true);
        }
        state.classicToday++;
        AppToken previous = state.current;
        if (previous != null && byToken.containsKey(previous.token())) {
            long cut = Math.min(previous.expiresAt(), now + OVERLAP.toMillis());
            byToken.put(previous.token(), new AppToken(previous.token(), appId, Channel.CLASSIC, cut));
        }
        return answer(issue(state, appId, Channel.CLASSIC, now), now);
    }

    /** The token as issued (possibly expired: the caller decides 42001), or null if unknown or invalidated. */
    synchronized AppToken find(String token) {
        return token == null ? null : byToken.get(token);
    }

    /** WeChat invalidating an app's tokens early (both channels): they become unknown (40001). */
    synchronized void invalidate(String appId) {
        for (Channel channel : Channel.values()) {
            forget(appId, channel);
        }
    }

    synchronized void clear() {
        byToken.clear();
        states.clear();
    }

    private AppToken issue(State state, String appId, Channel channel, long now) {
        purgeLongExpired(now);
        String value;
        do {
            value = Identifiers.token();
        } while (byToken.containsKey(value));
        AppToken token = new AppToken(value, appId, channel, now + TTL.toMillis());
        byToken.put(value, token);
        state.current = token;
        return token;
    }

    private static Issued answer(AppToken token, long now) {
        return new Issued(token, Math.max(0, (token.expiresAt() - now) / 1000), false);
    }

    /** The app's state in that channel, its daily counters reset when the day (Beijing time) has changed. */
    private State state(String appId, Channel channel, long now) {
        State state = states.computeIfAbsent(new Key(appId, channel), k -> new State());
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), QUOTA_ZONE);
        if (!today.equals(state.day)) {
            state.day = today;
            state.forcedToday = 0;
            state.classicToday = 0;
        }
        return state;
    }

    private void forget(String appId, Channel channel) {
        byToken.values().removeIf(t -> t.appId().equals(appId) && t.channel() == channel);
    }

    private void purgeLongExpired(long now) {
        for (Iterator<AppToken> it = byToken.values().iterator(); it.hasNext(); ) {
            if (now >= it.next().expiresAt() + REMEMBER_EXPIRED.toMillis()) {
                it.remove();
            }
        }
    }
}

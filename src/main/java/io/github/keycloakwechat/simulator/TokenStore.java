package io.github.keycloakwechat.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * User access/refresh tokens (protocol reference §2). A refresh of a live access token extends it and
 * returns the same value; a refresh of an expired one issues a new value (the old one becomes unknown).
 */
final class TokenStore {

    /** One user grant; immutable, replaced on refresh. {@code unionid} is null when none was returned. */
    record Grant(String accessToken, long accessExpiresAt, String refreshToken, long refreshExpiresAt,
                 String appId, String personId, String openid, String unionid, String scope, boolean snapshot) {

        Grant withAccess(String token, long expiresAt) {
            return new Grant(token, expiresAt, refreshToken, refreshExpiresAt, appId, personId, openid, unionid, scope, snapshot);
        }
    }

    enum RefreshStatus { OK, INVALID, EXPIRED }

    record Refresh(RefreshStatus status, Grant grant) {
    }

    private final Map<String, Grant> byAccessToken = new HashMap<>();
    private final Map<String, String> accessTokenByRefreshToken = new HashMap<>();
    private final SimClock clock;

    TokenStore(SimClock clock) {
        this.clock = clock;
    }

    synchronized Grant issue(CodeStore.IssuedCode code, String openid, String unionid, Duration accessTtl, Duration refreshTtl) {
        purgeDead();
        long now = clock.millis();
        Grant grant = new Grant(newToken(), now + accessTtl.toMillis(), newToken(), now + refreshTtl.toMillis(),
                code.appId(), code.personId(), openid, unionid, code.scope(), code.snapshot());
        byAccessToken.put(grant.accessToken(), grant);
        accessTokenByRefreshToken.put(grant.refreshToken(), grant.accessToken());
        return grant;
    }

    /** The grant of an access token (possibly expired: the caller decides 42001), or null if unknown. */
    synchronized Grant byAccessToken(String accessToken) {
        return accessToken == null ? null : byAccessToken.get(accessToken);
    }

    synchronized Refresh refresh(String refreshToken, String appId, Duration accessTtl) {
        String accessToken = accessTokenByRefreshToken.get(refreshToken);
        Grant grant = accessToken == null ? null : byAccessToken.get(accessToken);
        if (grant == null || !grant.appId().equals(appId)) {
            return new Refresh(RefreshStatus.INVALID, null);
        }
        long now = clock.millis();
        if (now >= grant.refreshExpiresAt()) {
            return new Refresh(RefreshStatus.EXPIRED, null);
        }
        Grant refreshed;
        if (now >= grant.accessExpiresAt()) {
            refreshed = grant.withAccess(newToken(), now + accessTtl.toMillis());
            byAccessToken.remove(grant.accessToken());
        } else {
            refreshed = grant.withAccess(grant.accessToken(), now + accessTtl.toMillis());
        }
        byAccessToken.put(refreshed.accessToken(), refreshed);
        accessTokenByRefreshToken.put(refreshToken, refreshed.accessToken());
        return new Refresh(RefreshStatus.OK, refreshed);
    }

    synchronized void clear() {
        byAccessToken.clear();
        accessTokenByRefreshToken.clear();
    }

    private String newToken() {
        String token;
        do {
            token = Identifiers.token();
        } while (byAccessToken.containsKey(token) || accessTokenByRefreshToken.containsKey(token));
        return token;
    }

    /** Grants whose refresh token expired can never be used again. */
    private void purgeDead() {
        long now = clock.millis();
        for (Iterator<Grant> it = byAccessToken.values().iterator(); it.hasNext(); ) {
            Grant g = it.next();
            if (now >= g.refreshExpiresAt()) {
                accessTokenByRefreshToken.remove(g.refreshToken());
                it.remove();
            }
        }
    }
}

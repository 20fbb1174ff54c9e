package io.github.keycloakwechat.apptoken;

import java.time.Duration;
import java.util.Map;

import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.api.WeChatAppAccessToken;
import io.github.keycloakwechat.api.WeChatEndpoint;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The app access tokens of the provider's WeChat apps (mini program, Official Account), one per AppID for the whole
 * cluster, kept in Keycloak's distributed single-use store (Infinispan), never in a field of this JVM.
 *
 * <p>WeChat wants exactly this (protocol §11): one token per AppID in a shared store, refreshed shortly before it
 * expires, not fetched per request. However many requests need a token at the same moment, on however many nodes,
 * one of them fetches it (it holds a cluster-wide marker meanwhile) and the others wait for its answer. A token WeChat
 * calls invalid ({@code 40001}, {@code 40014}, {@code 42001}) is dropped and fetched again, once, with
 * {@code force_refresh}.
 */
public class AppAccessTokens {

    /** The errcodes that say an app access token is no longer good (WxJava's ACCESS_TOKEN_ERROR_CODES, §7.1). */
    private static boolean saysTokenInvalid(WeChatApiException e) {
        Integer errcode = e.errcode();
        return errcode != null && (errcode == 40001 || errcode == 40014 || errcode == 42001);
    }

    private static final String KEY_PREFIX = "wechat-app-access-token.";
    private static final String FETCHING_SUFFIX = ".fetching";
    private static final long WAIT_STEP_MILLIS = 25;
    private static final Logger LOG = Logger.getLogger(AppAccessTokens.class);

    private final KeycloakSession session;
    private final WeChatApiClient api;
    private final Duration timeout;

    /** @param timeout the bound of one WeChat call: also how long a request waits for another one's fetch */
    public AppAccessTokens(KeycloakSession session, WeChatApiClient api, Duration timeout) {
        this.session = session;
        this.api = api;
        this.timeout = timeout;
    }

    /** The app's current token: the cluster's, or fetched from WeChat by this request when there is none. */
    private String get(String appId, String secret) throws WeChatApiException {
        return obtain(appId, secret, null);
    }

    /**
     * A replacement for {@code rejected}, which WeChat has just called invalid. When another request replaced it
     * already, that one's token; else this request fetches a new one with {@code force_refresh}.
     */
    private String replace(String appId, String secret, String rejected) throws WeChatApiException {
        return obtain(appId, secret, rejected);
    }

    /** A WeChat call made with an app access token. */
    @FunctionalInterface
    public interface TokenCall<T> {
        T call(String appAccessToken) throws WeChatApiException;
    }

    /**
     * Makes {@code call} with the app's current token and, when WeChat says that token is no longer good, once more
     * with its replacement: the way every call with an app access token is made.
     */
    public <T> T withToken(String appId, String secret, TokenCall<T> call) throws WeChatApiException {
        String token = get(appId, secret);
        try {
            return call.call(token);
        } catch (WeChatApiException e) {
            if (!saysTokenInvalid(e)) {
                throw e;
            }
            // WeChat dropped the token before its time: once with a fresh one.
            return call.call(replace(appId, secret, token));
        }
    }

    private String obtain(String appId, String secret, String rejected) throws WeChatApiException {
        String key = KEY_PREFIX + appId;
        long deadline = System.nanoTime() + timeout.toNanos() * 2;
        while (true) {
            String stored = usableToken(key, rejected);
            if (stored != null) {
                return stored;
            }
            // Immediate and atomic across the cluster: exactly one request fetches.
            if (store().putIfAbsent(key + FETCHING_SUFFIX, Math.max(1, timeout.toSeconds() * 2))) {
                try {
                    // A fetch that ended between our look and the marker has stored a token: look once more.
                    stored = usableToken(key, rejected);
                    return stored != null ? stored : fetch(key, appId, secret, rejected != null);
                } finally {
                    store().remove(key + FETCHING_SUFFIX);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw notObtained("another request's fetch did not end");
            }
            pause();
        }
    }

    /** The stored token, if there is one to use now other than {@code rejected}; else {@code null}. */
    private String usableToken(String key, String rejected) {
        CachedAppToken cached = CachedAppToken.of(store().get(key));
        return cached != null && cached.usableAt(Time.currentTime(), rejected) ? cached.token() : null;
    }

    private String fetch(String key, String appId, String secret, boolean forceRefresh) throws WeChatApiException {
        WeChatAppAccessToken fetched = api.stableToken(appId, secret, forceRefresh);
        Map<String, String> notes = CachedAppToken.fetched(fetched.token(), fetched.expiresInSeconds(),
                Time.currentTime()).notes();
        // Committed now, in a transaction of its own: the requests waiting for it must see it before this one ends,
        // and keep it even if this request fails later.
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s ->
                s.singleUseObjects().put(key, fetched.expiresInSeconds(), notes));
        LOG.debugf("Fetched the app access token of %s (force_refresh=%s), valid %d s", appId, forceRefresh,
                fetched.expiresInSeconds());
        return fetched.token();
    }

    private SingleUseObjectProvider store() {
        return session.singleUseObjects();
    }

    private static void pause() throws WeChatApiException {
        try {
            Thread.sleep(WAIT_STEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notObtained("interrupted");
        }
    }

    /** Waiting for the token failed on this side: to the caller, like WeChat not answering. */
    private static WeChatApiException notObtained(String why) {
        return new WeChatApiException(WeChatApiException.Kind.UNREACHABLE, WeChatEndpoint.STABLE_TOKEN, null,
                WeChatEndpoint.STABLE_TOKEN.path() + " could not be reached: " + why, null);
    }
}

package io.github.keycloakwechat.broker.failure;

import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.broker.WeChatCallbackEndpoint;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;

/**
 * The server-log lines of a sign-in that a WeChat call failed: what failed at WARN, the cause's stack at DEBUG; and
 * the event details that name the call, the same for every channel (browser callback, code grant).
 * Safe at every level: the exception's message and cause come redacted from the API client (no AppSecret, code,
 * token or request query).
 */
public final class WeChatFailureLog {

    /** The callback endpoint's category, which operators already know (docs/operations.md). */
    private static final Logger LOG = Logger.getLogger(WeChatCallbackEndpoint.class);

    private WeChatFailureLog() {
    }

    /** Logs the failure and puts WeChat's endpoint and errcode (when WeChat sent one) on the sign-in's event. */
    public static void callFailed(EventBuilder event, String realm, String alias, WeChatApiException e) {
        event.detail(WeChatCallbackEndpoint.DETAIL_ENDPOINT, e.endpoint().path());
        if (e.errcode() != null) {
            event.detail(WeChatCallbackEndpoint.DETAIL_ERRCODE, String.valueOf(e.errcode()));
        }
        callFailed(realm, alias, e);
    }

    public static void callFailed(String realm, String alias, WeChatApiException e) {
        LOG.warnf("WeChat sign-in failed in realm %s (provider %s): %s", realm, alias, e.getMessage());
        LOG.debug("Cause of the WeChat failure", e.getCause());
    }
}

package io.github.keycloakwechat.broker.failure;

import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.broker.WeChatCallbackEndpoint;
import org.jboss.logging.Logger;

/**
 * The server-log lines of a sign-in that a WeChat call failed: what failed at WARN, the cause's stack at DEBUG.
 * Safe at every level: the exception's message and cause come redacted from the API client (no AppSecret, code,
 * token or request query).
 */
public final class WeChatFailureLog {

    /** The callback endpoint's category, which operators already know (docs/operations.md). */
    private static final Logger LOG = Logger.getLogger(WeChatCallbackEndpoint.class);

    private WeChatFailureLog() {
    }

    public static void callFailed(String realm, String alias, WeChatApiException e) {
        LOG.warnf("WeChat sign-in failed in realm %s (provider %s): %s", realm, alias, e.getMessage());
        LOG.debug("Cause of the WeChat failure", e.getCause());
    }
}

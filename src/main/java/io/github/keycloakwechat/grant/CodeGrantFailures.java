package io.github.keycloakwechat.grant;

import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.api.WeChatEndpoint;
import jakarta.ws.rs.core.Response;

/**
 * What a failed WeChat call means for the app that sent the code: an OAuth error it can act on. A code WeChat refuses
 * is {@code invalid_grant} (get a new code), WeChat being down or busy is {@code temporarily_unavailable} (try again
 * later), and a provider WeChat does not accept (AppID, AppSecret, IP allow-list) is {@code temporarily_unavailable}
 * too, described as the server's configuration: the app can do nothing about it until an admin does.
 */
final class CodeGrantFailures {

    private CodeGrantFailures() {
    }

    static CodeGrantException of(WeChatApiException e, String what) {
        if (e.kind() != WeChatApiException.Kind.WECHAT_ERROR) {
            return new CodeGrantException("temporarily_unavailable", "WeChat did not answer usably (" + what
                    + "); try again later", Response.Status.SERVICE_UNAVAILABLE, "wechat_unavailable", e);
        }
        if (e.endpoint() == WeChatEndpoint.STABLE_TOKEN && e.errcode() != -1 && e.errcode() != 45011) {
            // The app access token is the server's business: any refusal of it is this server's configuration
            // (WeChat answers a wrong AppSecret there with 40001 or 40125, an IP not allowed with 40164).
            return configuration(e);
        }
        return switch (e.errcode()) {
            case 40029, 40163, 42003 -> invalidGrant("WeChat says the " + what
                    + " is invalid, expired or already used (errcode " + e.errcode() + "); get a new one", "code_invalid", e);
            case 40226 -> invalidGrant("WeChat blocked this sign-in: it considers the WeChat account high-risk (errcode"
                    + " 40226)", "wechat_high_risk_user", e);
            case -1, 45009, 45011 -> new CodeGrantException("temporarily_unavailable", "WeChat is busy or limits how"
                    + " often this person signs in (errcode " + e.errcode() + "); try again in a minute",
                    Response.Status.SERVICE_UNAVAILABLE, "wechat_busy", e);
            case 40013, 40125, 41002, 41004, 40002, 40164, 40243, 48001, 89503 -> configuration(e);
            default -> invalidGrant("WeChat refused the " + what + " (errcode " + e.errcode() + ")", "wechat_error", e);
        };
    }

    private static CodeGrantException configuration(WeChatApiException e) {
        return new CodeGrantException("temporarily_unavailable", "WeChat refuses this server's configuration of the"
                + " app (errcode " + e.errcode() + "); an administrator must check the WeChat provider's AppID,"
                + " AppSecret and WeChat's IP allow-list", Response.Status.SERVICE_UNAVAILABLE, "configuration_error", e);
    }

    private static CodeGrantException invalidGrant(String description, String reason, WeChatApiException e) {
        return new CodeGrantException("invalid_grant", description, Response.Status.BAD_REQUEST, reason, e);
    }
}

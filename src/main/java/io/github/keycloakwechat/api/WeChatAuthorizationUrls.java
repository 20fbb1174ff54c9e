package io.github.keycloakwechat.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Builds the browser URLs that start a WeChat sign-in. WeChat matches these links against a pattern:
 * parameters go in the documented order, and {@code #wechat_redirect} comes last.
 */
public final class WeChatAuthorizationUrls {

    public static final String WEBSITE_SCOPE = "snsapi_login";

    /** What WeChat accepts as {@code state}: 1–128 ASCII letters and digits. */
    public static final Pattern STATE = Pattern.compile("[A-Za-z0-9]{1,128}");

    private WeChatAuthorizationUrls() {
    }

    /** Website application QR login on open.weixin.qq.com. */
    public static String qrConnect(String openBaseUrl, String appId, String redirectUri, String state) {
        return authorize(openBaseUrl, "/connect/qrconnect", appId, redirectUri, WEBSITE_SCOPE, state);
    }

    /** Official Account web authorization, only usable inside the WeChat app. */
    public static String officialAccount(String openBaseUrl, String appId, String redirectUri, String scope, String state) {
        return authorize(openBaseUrl, "/connect/oauth2/authorize", appId, redirectUri, scope, state);
    }

    private static String authorize(String base, String path, String appId, String redirectUri, String scope, String state) {
        if (!STATE.matcher(state).matches()) {
            throw new IllegalArgumentException("WeChat state must be 1-128 letters and digits");
        }
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return root + path
                + "?appid=" + encode(appId)
                + "&redirect_uri=" + encode(redirectUri)
                + "&response_type=code"
                + "&scope=" + encode(scope)
                + "&state=" + state
                + "#wechat_redirect";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

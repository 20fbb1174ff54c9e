package io.github.keycloakwechat.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Builds the browser URLs that start a WeChat sign-in. WeChat matches these links against a pattern:
 * parameters go in the documented order, and {@code #wechat_redirect} comes last (except in the embedded
 * QR code's frame, which follows what {@code wxLogin.js} builds).
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

    /**
     * WeChat's QR page for an iframe on a page of ours: the URL WeChat's {@code wxLogin.js} would put in its
     * iframe (protocol §5), built here so that no WeChat script has to run on our pages. {@code login_type=jssdk}
     * instead of {@code response_type}; {@code self_redirect=false}: after the scan WeChat navigates the whole
     * window to {@code redirect_uri}; {@code stylelite=1}: WeChat's compact layout; {@code fast_login=0}: no
     * desktop quick login, which would probe the local network from the frame.
     *
     * @param english WeChat's page in English ({@code lang=en}, the only language it takes); else Chinese
     */
    public static String qrConnectFrame(String openBaseUrl, String appId, String redirectUri, String state,
                                        boolean english) {
        return root(openBaseUrl) + "/connect/qrconnect"
                + "?appid=" + encode(appId)
                + "&scope=" + WEBSITE_SCOPE
                + "&redirect_uri=" + encode(redirectUri)
                + "&state=" + checked(state)
                + "&login_type=jssdk&self_redirect=false&styletype=&sizetype=&bgcolor=&rst="
                + (english ? "&lang=en" : "")
                + "&stylelite=1&fast_login=0";
    }

    /**
     * The image of an Official Account's QR code on mp.weixin.qq.com (protocol §7.2). The ticket is Base64 with
     * {@code + / =} in it, so it is URL-encoded; no token is needed to fetch the image.
     */
    public static String qrCodeImage(String mpBaseUrl, String ticket) {
        return root(mpBaseUrl) + "/cgi-bin/showqrcode?ticket=" + encode(ticket);
    }

    private static String authorize(String base, String path, String appId, String redirectUri, String scope, String state) {
        return root(base) + path
                + "?appid=" + encode(appId)
                + "&redirect_uri=" + encode(redirectUri)
                + "&response_type=code"
                + "&scope=" + encode(scope)
                + "&state=" + checked(state)
                + "#wechat_redirect";
    }

    private static String root(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String checked(String state) {
        if (!STATE.matcher(state).matches()) {
            throw new IllegalArgumentException("WeChat state must be 1-128 letters and digits");
        }
        return state;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

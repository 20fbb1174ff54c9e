package io.github.keycloakwechat.broker;

import java.util.Locale;

/**
 * Where the login page was opened, from the User-Agent: inside the WeChat app (where the Official Account
 * flow works and a QR code cannot be scanned), inside WeCom, or anywhere else.
 */
public enum WeChatBrowser {
    /** WeChat's in-app browser (phone or desktop). */
    WECHAT,
    /** WeCom (企业微信): its User-Agent also says MicroMessenger, but WeChat's Official Account flow fails there. */
    WECOM,
    /** Any other browser. */
    OTHER;

    public static WeChatBrowser of(String userAgent) {
        if (userAgent == null) {
            return OTHER;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        // WeCom first: its User-Agent contains both markers.
        if (ua.contains("wxwork")) {
            return WECOM;
        }
        return ua.contains("micromessenger") ? WECHAT : OTHER;
    }
}

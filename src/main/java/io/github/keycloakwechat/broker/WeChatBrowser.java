package io.github.keycloakwechat.broker;

import java.util.Locale;

/**
 * Where the login page was opened, from the User-Agent: inside the WeChat app (where the Official Account
 * flow works and a QR code cannot be scanned), inside WeCom, in another phone browser, or on a computer.
 */
public enum WeChatBrowser {
    /** WeChat's in-app browser (phone or desktop). */
    WECHAT,
    /** WeCom (企业微信): its User-Agent also says MicroMessenger, but WeChat's Official Account flow fails there. */
    WECOM,
    /** A phone or tablet browser outside WeChat: the QR code must be scanned with a second device. */
    PHONE,
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
        if (ua.contains("micromessenger")) {
            return WECHAT;
        }
        return ua.contains("mobile") || ua.contains("android") || ua.contains("iphone") || ua.contains("ipad")
                ? PHONE : OTHER;
    }
}

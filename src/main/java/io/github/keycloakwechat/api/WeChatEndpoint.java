package io.github.keycloakwechat.api;

/** The WeChat server endpoints this extension calls, relative to the API base URL. */
public enum WeChatEndpoint {
    ACCESS_TOKEN("/sns/oauth2/access_token"),
    USERINFO("/sns/userinfo"),
    /** Mini program sign-in: a {@code wx.login()} code becomes the person's openid (protocol §6). */
    JSCODE2SESSION("/sns/jscode2session"),
    /** The app access token of a mini program or Official Account (protocol §7.1). */
    STABLE_TOKEN("/cgi-bin/stable_token"),
    /** A mini program user's phone number, from a {@code getPhoneNumber} code (protocol §6.1). */
    PHONE_NUMBER("/wxa/business/getuserphonenumber"),
    /** An Official Account's temporary QR code with a scene, for signing in by scanning it (protocol §7.2). */
    QRCODE_CREATE("/cgi-bin/qrcode/create"),
    /** Whether a person follows the Official Account, and their unionid (protocol §7.4). */
    SUBSCRIBER_INFO("/cgi-bin/user/info");

    private final String path;

    WeChatEndpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}

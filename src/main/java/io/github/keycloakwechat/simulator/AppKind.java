package io.github.keycloakwechat.simulator;

/** The two kinds of WeChat application whose browser logins the simulator reproduces. */
public enum AppKind {
    /** 开放平台网站应用: QR login at {@code /connect/qrconnect}, scope {@code snsapi_login}, 10-minute codes. */
    WEBSITE,
    /** 公众号/服务号: web authorisation at {@code /connect/oauth2/authorize}, 5-minute codes. */
    OFFICIAL_ACCOUNT
}

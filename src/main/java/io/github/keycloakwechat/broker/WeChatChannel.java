package io.github.keycloakwechat.broker;

/** The WeChat app a sign-in goes through; each has its own AppID, AppSecret and openids. */
public enum WeChatChannel {
    /** Website application (open.weixin.qq.com): QR code scanned with the phone. */
    WEBSITE,
    /** Official Account (服务号) web authorization: inside the WeChat app, no QR code. */
    OFFICIAL_ACCOUNT
}

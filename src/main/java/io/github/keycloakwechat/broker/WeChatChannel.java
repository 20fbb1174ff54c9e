package io.github.keycloakwechat.broker;

/** The WeChat app a sign-in goes through; each has its own AppID, AppSecret and openids. */
public enum WeChatChannel {
    /** Website application (open.weixin.qq.com): QR code scanned with the phone. */
    WEBSITE,
    /** Official Account (服务号) web authorization: inside the WeChat app, no QR code. */
    OFFICIAL_ACCOUNT,
    /**
     * The Official Account's temporary QR code on the login page (关注公众号登录): scanned to follow, and WeChat's
     * signed push says who scanned. Same AppID and openids as {@link #OFFICIAL_ACCOUNT}.
     */
    FOLLOW,
    /** Mini program (小程序): a {@code wx.login()} code sent to the token endpoint (the code grant). */
    MINI_PROGRAM,
    /** Native mobile app (移动应用): a WeChat SDK code sent to the token endpoint (the code grant). */
    MOBILE_APP
}

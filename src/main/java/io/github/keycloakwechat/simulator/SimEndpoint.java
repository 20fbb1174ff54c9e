package io.github.keycloakwechat.simulator;

/** The WeChat endpoints the simulator serves; the unit of fault injection, call counting and API latency. */
public enum SimEndpoint {
    /** {@code GET /connect/qrconnect} (open.weixin.qq.com): website-app QR login page. */
    QRCONNECT("/connect/qrconnect", true),
    /** {@code GET /connect/oauth2/authorize} (open.weixin.qq.com): Official Account web authorisation. */
    OA_AUTHORIZE("/connect/oauth2/authorize", true),
    /** {@code GET /sns/oauth2/access_token} (api.weixin.qq.com): code exchange; a form POST is taken too (§0). */
    ACCESS_TOKEN("/sns/oauth2/access_token", false),
    /** {@code GET /sns/userinfo} (api.weixin.qq.com). */
    USERINFO("/sns/userinfo", false),
    /** {@code GET /sns/oauth2/refresh_token} (api.weixin.qq.com). */
    REFRESH_TOKEN("/sns/oauth2/refresh_token", false),
    /** {@code GET /sns/auth} (api.weixin.qq.com): access-token validation. */
    AUTH("/sns/auth", false),
    /** {@code GET /sns/jscode2session} (api.weixin.qq.com): a mini program's {@code wx.login()} code exchange (§6). */
    JSCODE2SESSION("/sns/jscode2session", false),
    /** {@code POST /cgi-bin/stable_token} (api.weixin.qq.com): the stable app access token, JSON body (§7.1). */
    STABLE_TOKEN("/cgi-bin/stable_token", false),
    /** {@code GET /cgi-bin/token} (api.weixin.qq.com): the classic app access token, a new one per call (§7.1). */
    CGI_TOKEN("/cgi-bin/token", false),
    /** {@code POST /wxa/business/getuserphonenumber} (api.weixin.qq.com): a mini program's phone code, JSON body (§6.1). */
    GET_USER_PHONE_NUMBER("/wxa/business/getuserphonenumber", false),
    /** {@code POST /cgi-bin/qrcode/create} (api.weixin.qq.com): an Official Account's QR code with a scene, JSON body (§7.2). */
    QRCODE_CREATE("/cgi-bin/qrcode/create", false),
    /** {@code GET /cgi-bin/showqrcode} (mp.weixin.qq.com): the QR code's image, which a browser loads (§7.2). */
    SHOW_QRCODE("/cgi-bin/showqrcode", true),
    /** {@code GET /cgi-bin/user/info} (api.weixin.qq.com): whether a person follows the Official Account, unionid (§7.4). */
    USER_INFO("/cgi-bin/user/info", false);

    private final String path;
    private final boolean servesPages;

    SimEndpoint(String path, boolean servesPages) {
        this.path = path;
        this.servesPages = servesPages;
    }

    /** The request path, identical on the simulator and on the real WeChat host. */
    public String path() {
        return path;
    }

    /** True for what a browser loads (the authorize pages, the QR image), false for the server-to-server APIs. */
    public boolean servesPages() {
        return servesPages;
    }
}

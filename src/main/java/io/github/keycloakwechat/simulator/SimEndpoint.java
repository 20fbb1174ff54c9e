package io.github.keycloakwechat.simulator;

/**
 * The endpoints the simulator serves (WeChat's, and GitHub's for comparison benchmarks); the unit of fault
 * injection, call counting and API latency.
 */
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
    /** {@code GET /login/oauth/authorize} (github.com): GitHub's OAuth authorize page, for comparison benchmarks. */
    GITHUB_AUTHORIZE("/login/oauth/authorize", true),
    /** {@code POST /login/oauth/access_token} (github.com): GitHub's code exchange. */
    GITHUB_ACCESS_TOKEN("/login/oauth/access_token", false),
    /** {@code GET /user} (api.github.com): the signed-in GitHub user's profile. */
    GITHUB_USER("/user", false),
    /** {@code GET /user/emails} (api.github.com): the GitHub user's e-mail addresses. */
    GITHUB_EMAILS("/user/emails", false);

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

    /** True for the browser-facing authorize pages (HTML), false for the server-to-server APIs. */
    public boolean servesPages() {
        return servesPages;
    }
}

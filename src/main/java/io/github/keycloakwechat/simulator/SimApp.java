package io.github.keycloakwechat.simulator;

import java.util.Objects;

/**
 * A registered WeChat application (website app, Official Account, mini program or mobile app). The Open Platform binding is mutable
 * so a test can unbind an app after registering it; it decides whether {@code unionid} is returned.
 */
public final class SimApp {
    private final AppKind kind;
    private final String appId;
    private final String secret;
    private final String callbackDomain;
    private volatile String openPlatformAccount;

    SimApp(AppKind kind, String appId, String secret, String callbackDomain, String openPlatformAccount) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.appId = requireText(appId, "appId");
        this.secret = requireText(secret, "secret");
        if (kind.hasCallbackDomain()) {
            this.callbackDomain = requireText(callbackDomain, "callbackDomain");
        } else if (callbackDomain == null) {
            this.callbackDomain = null;
        } else {
            throw new IllegalArgumentException(kind.description() + " has no callback domain: it never redirects a browser");
        }
        this.openPlatformAccount = openPlatformAccount;
    }

    /** Detaches the app from any Open Platform account: responses then carry no {@code unionid}. */
    public SimApp unbound() {
        this.openPlatformAccount = null;
        return this;
    }

    /** Binds the app to the named Open Platform account; apps bound to one account share unionids. */
    public SimApp boundTo(String openPlatformAccount) {
        this.openPlatformAccount = requireText(openPlatformAccount, "openPlatformAccount");
        return this;
    }

    public String appId() {
        return appId;
    }

    public String secret() {
        return secret;
    }

    public AppKind kind() {
        return kind;
    }

    /**
     * The configured 授权回调域 (website app) or 网页授权域名 (Official Account): a bare host. Null for mini programs
     * and mobile apps, which get their codes from WeChat's client, not through a browser redirect.
     */
    public String callbackDomain() {
        return callbackDomain;
    }

    /** The Open Platform account this app is bound to, or null when unbound. */
    public String openPlatformAccount() {
        return openPlatformAccount;
    }

    public boolean bound() {
        return openPlatformAccount != null;
    }

    @Override
    public String toString() {
        return "SimApp[" + kind + ", " + appId + (callbackDomain == null ? "" : ", " + callbackDomain)
                + ", account=" + openPlatformAccount + "]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}

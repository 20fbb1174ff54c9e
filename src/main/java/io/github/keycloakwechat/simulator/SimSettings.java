package io.github.keycloakwechat.simulator;

import java.time.Duration;

/** The simulator's switches. Volatile fields: read on every request, written rarely by tests. */
final class SimSettings {

    static final String DEFAULT_API_CONTENT_TYPE = "text/plain";

    volatile String apiContentType;
    volatile boolean lenientState;
    volatile CancelMode cancelMode;
    volatile boolean enforceParamOrder;
    volatile boolean snapshotMode;
    volatile boolean allowPortInOaRedirect;
    volatile DuplicateCallback duplicateCallback;
    volatile Duration duplicateCallbackDelay;
    volatile Duration websiteCodeTtl;
    volatile Duration officialAccountCodeTtl;
    volatile Duration miniProgramCodeTtl;
    volatile Duration mobileAppCodeTtl;
    volatile Duration phoneCodeTtl;
    volatile Duration accessTokenTtl;
    volatile Duration refreshTokenTtl;
    volatile Duration pendingLoginTtl;
    volatile Duration apiLatency;
    volatile boolean signedInBrowsers;
    volatile boolean phoneCountryCodeAsNumber;
    volatile Duration pushTimeout;

    SimSettings() {
        restoreDefaults();
    }

    /** The documented/observed WeChat behaviour (protocol reference §0, §1.3, §2, §4, §6, §7.3). */
    void restoreDefaults() {
        apiContentType = DEFAULT_API_CONTENT_TYPE;
        lenientState = false;
        cancelMode = CancelMode.REDIRECT;
        enforceParamOrder = true;
        snapshotMode = false;
        allowPortInOaRedirect = false;
        duplicateCallback = DuplicateCallback.OFF;
        duplicateCallbackDelay = Duration.ofMillis(200);
        websiteCodeTtl = Duration.ofMinutes(10);
        officialAccountCodeTtl = Duration.ofMinutes(5);
        miniProgramCodeTtl = Duration.ofMinutes(5);
        mobileAppCodeTtl = Duration.ofMinutes(10);
        phoneCodeTtl = Duration.ofMinutes(5);
        accessTokenTtl = Duration.ofSeconds(7200);
        refreshTokenTtl = Duration.ofDays(30);
        pendingLoginTtl = Duration.ofMinutes(10);
        apiLatency = Duration.ZERO;
        signedInBrowsers = false;
        phoneCountryCodeAsNumber = false;
        pushTimeout = Duration.ofSeconds(5);
    }

    /** Open Platform codes (website, mobile app) live 10 minutes, Official Account and wx.login codes 5 (§1.3, §6). */
    Duration codeTtl(AppKind kind) {
        switch (kind) {
            case WEBSITE: return websiteCodeTtl;
            case OFFICIAL_ACCOUNT: return officialAccountCodeTtl;
            case MINI_PROGRAM: return miniProgramCodeTtl;
            default: return mobileAppCodeTtl;
        }
    }

    void codeTtl(AppKind kind, Duration ttl) {
        switch (kind) {
            case WEBSITE: websiteCodeTtl = ttl; break;
            case OFFICIAL_ACCOUNT: officialAccountCodeTtl = ttl; break;
            case MINI_PROGRAM: miniProgramCodeTtl = ttl; break;
            default: mobileAppCodeTtl = ttl;
        }
    }
}

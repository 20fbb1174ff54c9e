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
    volatile Duration accessTokenTtl;
    volatile Duration refreshTokenTtl;
    volatile Duration pendingLoginTtl;
    volatile Duration apiLatency;
    volatile boolean signedInBrowsers;

    SimSettings() {
        restoreDefaults();
    }

    /** The documented/observed WeChat behaviour (protocol reference §0, §1.3, §2, §4). */
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
        accessTokenTtl = Duration.ofSeconds(7200);
        refreshTokenTtl = Duration.ofDays(30);
        pendingLoginTtl = Duration.ofMinutes(10);
        apiLatency = Duration.ZERO;
        signedInBrowsers = false;
    }

    Duration codeTtl(AppKind kind) {
        return kind == AppKind.WEBSITE ? websiteCodeTtl : officialAccountCodeTtl;
    }
}

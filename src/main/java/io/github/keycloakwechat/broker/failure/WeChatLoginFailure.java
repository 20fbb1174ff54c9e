package io.github.keycloakwechat.broker.failure;

import io.github.keycloakwechat.api.WeChatApiException;

/**
 * What a failed WeChat sign-in means for the person: the message they read (a key of our message
 * bundles) and the reason recorded on the Keycloak event.
 */
public enum WeChatLoginFailure {
    /** The code expired, was already used, or belongs to another app: scanning again helps. */
    CODE_INVALID("wechatCodeInvalidMessage", "code_invalid"),
    /** AppID or AppSecret wrong, or WeChat refuses this server: only the admin can fix it. */
    CONFIGURATION("wechatConfigurationErrorMessage", "configuration_error"),
    /** An AppSecret is a vault reference that does not resolve: a configuration error found before calling WeChat. */
    VAULT_SECRET_UNRESOLVED("wechatConfigurationErrorMessage", "vault_secret_unresolved"),
    /** WeChat says it is busy or rate-limited: trying again later helps. */
    BUSY("wechatBusyMessage", "wechat_busy"),
    /** WeChat did not answer in time or answered something unusable. */
    UNAVAILABLE("wechatUnavailableMessage", "wechat_unavailable"),
    /** A WeChat "snapshot page" account, which is a throwaway identity. */
    SNAPSHOT_USER("wechatSnapshotUserMessage", "snapshot_user"),
    /** The callback's state handle is unknown, expired or already used. */
    STATE_INVALID("wechatStateInvalidMessage", "state_invalid"),
    /**
     * The callback arrived without the browser's Keycloak login session: WeChat's redirect was opened in another
     * browser than the one that started the sign-in, or the browser dropped Keycloak's cookies.
     */
    LOGIN_SESSION_NOT_FOUND("wechatLoginSessionNotFoundMessage", "login_session_not_found"),
    /** The same person is creating their account in another window: finishing there, or retrying later, helps. */
    FIRST_LOGIN_IN_PROGRESS("wechatFirstLoginInProgressMessage", "first_login_in_progress"),
    /** The browser asked to finish a follow-QR sign-in whose code nobody scanned (no verified push of it). */
    FOLLOW_NOT_SCANNED("wechatFollowNotScannedMessage", "follow_not_scanned"),
    /** Any other WeChat error. */
    OTHER("wechatLoginFailedMessage", "wechat_error"),
    /** Not WeChat: an error of this server (database, cache, a bug). Logged with its stack trace; nothing is kept. */
    UNEXPECTED("wechatUnexpectedErrorMessage", "unexpected_error");

    private final String messageKey;
    private final String reason;

    WeChatLoginFailure(String messageKey, String reason) {
        this.messageKey = messageKey;
        this.reason = reason;
    }

    public String messageKey() {
        return messageKey;
    }

    public String reason() {
        return reason;
    }

    public static WeChatLoginFailure of(WeChatApiException e) {
        if (e.kind() != WeChatApiException.Kind.WECHAT_ERROR) {
            return UNAVAILABLE;
        }
        return switch (e.errcode()) {
            case 40029, 40163, 42003 -> CODE_INVALID;
            // 48001: the app lacks the permission for this API at WeChat; trying again cannot help.
            case 40013, 40125, 41002, 41004, 40002, 40164, 40243, 48001, 89503, 10003, 10016 -> CONFIGURATION;
            case -1, 45009, 45011 -> BUSY;
            default -> OTHER;
        };
    }
}

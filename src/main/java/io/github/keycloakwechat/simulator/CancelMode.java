package io.github.keycloakwechat.simulator;

/**
 * What happens when the user declines. The protocol reference (§1.2) records a conflict: the docs say the
 * browser is redirected with only {@code state}, field reports say the QR page just shows a message.
 */
public enum CancelMode {
    /** Documented behaviour: {@code 302} to {@code redirect_uri?state=STATE} (no {@code code}). */
    REDIRECT,
    /** Field behaviour: no redirect; the page shows "您已取消此次登录". */
    PAGE
}

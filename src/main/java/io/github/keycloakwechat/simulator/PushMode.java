package io.github.keycloakwechat.simulator;

import java.util.Locale;

/** How an Official Account's message server receives pushes (§7.3): the 消息加解密方式 of its configuration. */
public enum PushMode {
    /** 明文模式: the XML as it is, signed with {@code signature}. */
    PLAIN,
    /** 兼容模式: the plaintext fields and, in the same body, their encryption in {@code <Encrypt>}. */
    COMPATIBLE,
    /** 安全模式: {@code <ToUserName>} and {@code <Encrypt>} only. */
    SAFE;

    boolean encrypted() {
        return this != PLAIN;
    }

    /** {@code plain}, {@code compatible} or {@code safe}, any case. */
    static PushMode fromLabel(String label) {
        try {
            return valueOf(label == null ? "" : label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be plain, compatible or safe, got " + label);
        }
    }
}

package io.github.keycloakwechat.api.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The signatures on WeChat's pushes to the message server (protocol §7.3): SHA-1, in lower-case hex, of the values
 * sorted lexicographically and concatenated. {@code signature} covers the Token, timestamp and nonce;
 * {@code msg_signature} (compatible and safe mode) also covers the {@code Encrypt} text.
 *
 * <p>The checks never throw: a missing or blank value is simply not a valid signature, since whoever calls the
 * message URL controls all of them.
 */
public final class WeChatPushSignature {

    private WeChatPushSignature() {
    }

    /** Whether {@code signature} is WeChat's over the Token we configured, the timestamp and the nonce. */
    public static boolean valid(String token, String timestamp, String nonce, String signature) {
        return matches(signature, token, timestamp, nonce);
    }

    /** Whether {@code msgSignature} is WeChat's over the Token, the timestamp, the nonce and the body's {@code Encrypt}. */
    public static boolean validMessage(String token, String timestamp, String nonce, String encrypt, String msgSignature) {
        return matches(msgSignature, token, timestamp, nonce, encrypt);
    }

    /** The signature over these values: what WeChat sends, and what an encrypted reply must carry. */
    public static String sign(String... values) {
        String[] sorted = values.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String value : sorted) {
                sha1.update(value.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    }

    private static boolean matches(String signature, String... values) {
        if (blank(signature) || Arrays.stream(values).anyMatch(WeChatPushSignature::blank)) {
            return false;
        }
        // Constant time: how much of a forged signature matched must not show in the answer's timing.
        return MessageDigest.isEqual(sign(values).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

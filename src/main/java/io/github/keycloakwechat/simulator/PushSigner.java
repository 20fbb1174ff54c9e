package io.github.keycloakwechat.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** WeChat's push signature (§7.3): SHA-1 over the values sorted and joined, in lower-case hex. */
final class PushSigner {

    private PushSigner() {
    }

    static String sign(String... values) {
        String[] sorted = Arrays.copyOf(values, values.length);
        Arrays.sort(sorted);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
        StringBuilder hex = new StringBuilder(40);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}

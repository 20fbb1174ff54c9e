package io.github.keycloakwechat.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * WeChat-shaped identifiers. openids, unionids and default avatars are derived from a hash of
 * (seed, scope, person) so a scripted setup yields the same ids on every start; codes and tokens are random.
 */
final class Identifiers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URL_SAFE = ALNUM + "-_";
    private static final String HEX = "0123456789abcdef";

    private volatile String seed;

    Identifiers(String seed) {
        seed(seed);
    }

    void seed(String seed) {
        if (seed == null) {
            throw new IllegalArgumentException("seed must not be null");
        }
        this.seed = seed;
    }

    String seed() {
        return seed;
    }

    /**
     * 28 chars, {@code o} + [A-Za-z0-9_-]. Like real openids, those of one app share a 5-char prefix.
     */
    String openid(String appId, String personId) {
        return "o" + hash("openid-app", appId).substring(0, 5) + hash("openid", appId + "\n" + personId).substring(0, 22);
    }

    /** Same shape as an openid; one per (Open Platform account, person). */
    String unionid(String account, String personId) {
        return "o" + hash("unionid-account", account).substring(0, 5)
                + hash("unionid", account + "\n" + personId).substring(0, 22);
    }

    /** An Official Account's original id ({@code ToUserName} of its pushes): {@code gh_} and 12 hex digits. */
    String originalId(String appId) {
        byte[] digest = digest("original-id", appId);
        StringBuilder hex = new StringBuilder("gh_");
        for (int i = 0; i < 6; i++) {
            hex.append(HEX.charAt((digest[i] >> 4) & 0xf)).append(HEX.charAt(digest[i] & 0xf));
        }
        return hex.toString();
    }

    /** A {@code thirdwx.qlogo.cn} style URL whose last segment is the size (132 px), as WeChat returns. */
    String avatarUrl(String personId) {
        String path = (hash("avatar", personId) + hash("avatar-2", personId)).replace("-", "").replace("_", "");
        return "https://thirdwx.qlogo.cn/mmopen/vi_32/" + path + "/132";
    }

    /** A snapshot-mode virtual account id: random, never the person's real one. */
    static String throwawayId() {
        return "o" + random(27, URL_SAFE);
    }

    /** An authorisation code: 32 alphanumerics. */
    static String code() {
        return "0" + random(31, ALNUM);
    }

    /** A user access or refresh token: small number, underscore, ~100 url-safe chars. */
    static String token() {
        return "86_" + random(104, URL_SAFE);
    }

    /**
     * A mini program's {@code session_key}: 16 random bytes in standard Base64 (24 chars, {@code +}, {@code /} and
     * {@code ==} padding), the AES key WeChat really hands out (§6).
     */
    static String sessionKey() {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A pending-login handle (the hosted QR page's uuid). */
    static String requestId() {
        return random(16, ALNUM);
    }

    /** The request id WeChat appends to every errmsg: three groups of 8 hex digits. */
    static String rid() {
        return random(8, HEX) + "-" + random(8, HEX) + "-" + random(8, HEX);
    }

    static String random(int length, String alphabet) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private String hash(String purpose, String input) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(purpose, input));
    }

    private byte[] digest(String purpose, String input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest((seed + "\n" + purpose + "\n" + input).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}

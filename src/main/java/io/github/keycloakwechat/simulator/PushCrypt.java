package io.github.keycloakwechat.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's message encryption as the protocol reference describes it (§7.3): AES-256-CBC under
 * Base64(EncodingAESKey + "="), IV = the key's first 16 bytes, the plaintext {@code random(16) · length(4, big-endian)
 * · XML · AppID} padded PKCS#7-style to a multiple of 32 bytes by hand, the result in standard Base64.
 */
final class PushCrypt {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PAD_BLOCK = 32;

    private final byte[] key;

    PushCrypt(String encodingAesKey) {
        if (encodingAesKey == null || !encodingAesKey.matches("[A-Za-z0-9+/]{43}")) {
            throw new IllegalArgumentException("an EncodingAESKey is 43 characters of Base64");
        }
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
    }

    /** A fresh EncodingAESKey, as the admin page's "随机生成" button makes one: 43 letters and digits. */
    static String newKey() {
        return Identifiers.random(42, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") + "A";
    }

    String encrypt(String xml, String appId) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return encrypt(random, xml, appId);
    }

    /** With the 16 leading bytes given, so a test can pin a vector. */
    String encrypt(byte[] random, String xml, String appId) {
        byte[] text = xml.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.writeBytes(random);
        plain.write(text.length >>> 24);
        plain.write(text.length >>> 16);
        plain.write(text.length >>> 8);
        plain.write(text.length);
        plain.writeBytes(text);
        plain.writeBytes(appId.getBytes(StandardCharsets.UTF_8));
        int pad = PAD_BLOCK - plain.size() % PAD_BLOCK;
        for (int i = 0; i < pad; i++) {
            plain.write(pad);
        }
        return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, plain.toByteArray()));
    }

    /** The XML of an encrypted message (a receiver's encrypted reply); IllegalArgumentException if it is not one for appId. */
    String decrypt(String encrypted, String appId) {
        byte[] plain = aes(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypted));
        int pad = plain[plain.length - 1];
        if (pad < 1 || pad > PAD_BLOCK) {
            throw new IllegalArgumentException("bad padding");
        }
        byte[] unpadded = Arrays.copyOf(plain, plain.length - pad);
        int length = ((unpadded[16] & 0xff) << 24) | ((unpadded[17] & 0xff) << 16) | ((unpadded[18] & 0xff) << 8) | (unpadded[19] & 0xff);
        if (length < 0 || 20 + length > unpadded.length) {
            throw new IllegalArgumentException("bad length");
        }
        String from = new String(unpadded, 20 + length, unpadded.length - 20 - length, StandardCharsets.UTF_8);
        if (!from.equals(appId)) {
            throw new IllegalArgumentException("encrypted for " + from + ", not " + appId);
        }
        return new String(unpadded, 20, length, StandardCharsets.UTF_8);
    }

    private byte[] aes(int mode, byte[] input) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return aes.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("AES failed: " + e.getMessage(), e);
        }
    }
}

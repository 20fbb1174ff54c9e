package io.github.keycloakwechat.api.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The message encryption of compatible and safe mode (protocol §7.3): AES-256-CBC keyed with the EncodingAESKey,
 * the IV the key's first 16 bytes, PKCS#7 padding to 32-byte blocks done by hand, and the plaintext laid out as
 * 16 random bytes, the XML's length (4 bytes, big-endian), the XML, then the AppID it was meant for.
 *
 * <p>{@link #decrypt} reads what arrived from the network: whatever is wrong with it becomes a
 * {@link WeChatPushException}, never another exception. Thread-safe: each call uses its own {@link Cipher}.
 */
public final class WeChatPushCipher {

    /** An EncodingAESKey is 43 characters: the Base64 of 32 bytes without its trailing {@code =}. */
    public static final int KEY_LENGTH = 43;
    private static final int BLOCK = 32;
    private static final int RANDOM_BYTES = 16;
    private static final int HEADER = RANDOM_BYTES + 4;
    /** The XML of one push is a few KiB at most; a length field beyond this is refused before anything is copied. */
    private static final int MAX_XML_BYTES = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    /** @throws IllegalArgumentException unless {@code encodingAesKey} is 43 Base64 characters naming 32 bytes */
    public WeChatPushCipher(String encodingAesKey) {
        if (encodingAesKey == null || encodingAesKey.length() != KEY_LENGTH) {
            throw new IllegalArgumentException("an EncodingAESKey has " + KEY_LENGTH + " characters");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encodingAesKey + "=");
        } catch (IllegalArgumentException e) {
            // Not the decoder's message: it would quote the offending key character.
            throw new IllegalArgumentException("an EncodingAESKey is Base64 text");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("an EncodingAESKey names 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.iv = new IvParameterSpec(Arrays.copyOf(bytes, 16));
    }

    /** The XML inside {@code base64Encrypt}, once it is known to have been encrypted for {@code expectedAppId}. */
    public String decrypt(String base64Encrypt, String expectedAppId) throws WeChatPushException {
        byte[] encrypted;
        try {
            encrypted = Base64.getDecoder().decode(base64Encrypt == null ? "" : base64Encrypt.strip());
        } catch (IllegalArgumentException e) {
            throw bad("not Base64");
        }
        if (encrypted.length == 0 || encrypted.length % BLOCK != 0) {
            throw bad("not whole 32-byte blocks");
        }
        byte[] plain = crypt(Cipher.DECRYPT_MODE, encrypted);
        int content = plain.length - padding(plain);
        if (content < HEADER) {
            throw bad("too short");
        }
        int xmlLength = ByteBuffer.wrap(plain, RANDOM_BYTES, 4).getInt();
        if (xmlLength < 0 || xmlLength > MAX_XML_BYTES || xmlLength > content - HEADER) {
            throw bad("length field out of bounds");
        }
        String appId = new String(plain, HEADER + xmlLength, content - HEADER - xmlLength, StandardCharsets.UTF_8);
        if (expectedAppId == null || !expectedAppId.equals(appId)) {
            throw new WeChatPushException(WeChatPushException.WRONG_APPID, "encrypted for another app");
        }
        return new String(plain, HEADER, xmlLength, StandardCharsets.UTF_8);
    }

    /** {@code xml} encrypted for {@code appId}, Base64-encoded: the {@code Encrypt} of an encrypted reply. */
    public String encrypt(String xml, String appId) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        int length = HEADER + body.length + app.length;
        int pad = BLOCK - length % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        plain.put(random).putInt(body.length).put(body).put(app);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            return Base64.getEncoder().encodeToString(crypt(Cipher.ENCRYPT_MODE, plain.array()));
        } catch (WeChatPushException e) {
            throw new IllegalStateException("AES/CBC/NoPadding encrypts whole blocks", e);
        }
    }

    private byte[] crypt(int mode, byte[] input) throws WeChatPushException {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, key, iv);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw bad(e.getClass().getSimpleName());
        }
    }

    /** The PKCS#7 pad length (1 to 32), every pad byte checked. */
    private static int padding(byte[] plain) throws WeChatPushException {
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK) {
            throw bad("bad padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw bad("bad padding");
            }
        }
        return pad;
    }

    private static WeChatPushException bad(String detail) {
        return new WeChatPushException(WeChatPushException.BAD_CIPHER, detail);
    }
}

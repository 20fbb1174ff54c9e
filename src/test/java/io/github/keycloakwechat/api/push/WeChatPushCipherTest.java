package io.github.keycloakwechat.api.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The message encryption of compatible and safe mode (protocol §7.3). The fixed vectors were made by the
 * simulator's own implementation ({@code io.github.keycloakwechat.simulator.PushCrypt}, written separately) with
 * the 16 random bytes {@code "0123456789abcdef"}, and the second was also decrypted with
 * {@code openssl enc -d -aes-256-cbc -nopad}.
 */
class WeChatPushCipherTest {

    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String SCAN_XML = "<xml><ToUserName><![CDATA[gh_a786fbe98353]]></ToUserName><Event><![CDATA[SCAN]]></Event>"
            + "<EventKey><![CDATA[login_7f3a9c]]></EventKey></xml>";
    private static final String SCAN_VECTOR = "Q3stYC6hdFzMh9T8HCvyDMdzg7m2c7Xbj2/d/bmyAkm5GbjBTtBekspQIce5P+F7XuwVkrA5BWt+NcmuFKKKf8vU1r8XOF4Cy4E+l1x"
            + "QSrMGR9OyqjbLfbfH4oFSzXU0ydEM0NT9+KJ8Y+C9b1xPK/ZqiIvbkv+w8L6Mtf3LT7uSK5fbD+059FSQOU1ditIzJM8yrHODPsBzX7Cr+IwOiCJA"
            + "Ed/hIOvltQ7tKckKtcQ7h5vlbaGFOd9wYFBRMZJ5";
    /** {@code <xml>你好</xml>} for wx0123456789abcdef: 55 bytes, so 9 bytes of padding. */
    private static final String CHINESE_VECTOR = "Q3stYC6hdFzMh9T8HCvyDORchGzARlxqyFUOtgi0n8EJhuWZHdYHoZ5sKzvWlbDdatuFEOuzg7fH7PedAEDGxw==";

    private final WeChatPushCipher cipher = new WeChatPushCipher(KEY);

    @Test
    void decryptsWhatTheSimulatorEncrypted() throws WeChatPushException {
        assertEquals(SCAN_XML, cipher.decrypt(SCAN_VECTOR, "wxoa000000000001"));
        assertEquals("<xml>你好</xml>", cipher.decrypt(CHINESE_VECTOR, "wx0123456789abcdef"));
    }

    @Test
    void roundTripsWithFreshRandomBytesEachTime() throws WeChatPushException {
        for (String xml : new String[] {"", "<xml/>", SCAN_XML, "x".repeat(11), "x".repeat(12), "<xml>" + "长".repeat(500) + "</xml>"}) {
            String once = cipher.encrypt(xml, "wxoa000000000001");
            String twice = cipher.encrypt(xml, "wxoa000000000001");
            assertNotEquals(once, twice, "16 random bytes lead every plaintext");
            assertEquals(xml, cipher.decrypt(once, "wxoa000000000001"));
            assertEquals(0, Base64.getDecoder().decode(once).length % 32, "whole 32-byte blocks");
        }
    }

    @Test
    void aMessageForAnotherAppIsRefused() {
        WeChatPushException e = assertThrows(WeChatPushException.class, () -> cipher.decrypt(SCAN_VECTOR, "wxoa000000000002"));
        assertEquals(WeChatPushException.WRONG_APPID, e.reason());
        assertEquals(WeChatPushException.WRONG_APPID, assertThrows(WeChatPushException.class,
                () -> cipher.decrypt(SCAN_VECTOR, "wxoa00000000000")).reason(), "a prefix is not the AppID");
        assertEquals(WeChatPushException.WRONG_APPID, assertThrows(WeChatPushException.class,
                () -> cipher.decrypt(SCAN_VECTOR, null)).reason());
    }

    @Test
    void anotherKeyGivesGarbageThatIsRefused() {
        WeChatPushCipher other = new WeChatPushCipher("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg");
        WeChatPushException e = assertThrows(WeChatPushException.class, () -> other.decrypt(SCAN_VECTOR, "wxoa000000000001"));
        assertTrue(e.reason().equals(WeChatPushException.BAD_CIPHER) || e.reason().equals(WeChatPushException.WRONG_APPID), e.reason());
    }

    @Test
    void malformedCiphertextIsAlwaysAPushException() throws Exception {
        String[] bodies = {null, "", "   ", "not base64!", "QUJD", Base64.getEncoder().encodeToString(new byte[16]),
                Base64.getEncoder().encodeToString(new byte[48]), SCAN_VECTOR.substring(4), "====",
                Base64.getEncoder().encodeToString(new byte[1 << 16])};
        for (String body : bodies) {
            WeChatPushException e = assertThrows(WeChatPushException.class, () -> cipher.decrypt(body, "wxoa000000000001"), body);
            assertEquals(WeChatPushException.BAD_CIPHER, e.reason(), String.valueOf(body));
        }
    }

    @Test
    void paddingAndLengthAreChecked() throws Exception {
        byte[] random = new byte[16];
        // A pad value of 0, of 33, pad bytes that disagree, a length beyond the plaintext, a negative length.
        assertBadCipher(plaintext(random, 5, "<xml/>", "wxoa000000000001", 0));
        assertBadCipher(plaintext(random, 5, "<xml/>", "wxoa000000000001", 33));
        byte[] uneven = plaintext(random, 6, "<xml/>", "wxoa000000000001", 5);
        uneven[uneven.length - 3] = 4;
        assertBadCipher(uneven);
        assertBadCipher(plaintext(random, 5000, "<xml/>", "wxoa000000000001", 5));
        assertBadCipher(plaintext(random, -1, "<xml/>", "wxoa000000000001", 5));
        byte[] tooShort = new byte[32];
        Arrays.fill(tooShort, (byte) 16);
        assertBadCipher(tooShort);
    }

    @Test
    void theKeyMustBe43Base64Characters() {
        for (String key : new String[] {null, "", KEY.substring(1), KEY + "A", KEY.substring(1) + "!", KEY.substring(1) + "="}) {
            assertThrows(IllegalArgumentException.class, () -> new WeChatPushCipher(key), String.valueOf(key));
        }
    }

    /** A plaintext with the given length field and padding, so the cipher's checks can be tried one by one. */
    private static byte[] plaintext(byte[] random, int lengthField, String xml, String appId, int pad) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        int content = 20 + body.length + app.length;
        int total = ((content + Math.max(pad, 1)) + 31) / 32 * 32;
        ByteBuffer plain = ByteBuffer.allocate(total);
        plain.put(random).putInt(lengthField).put(body).put(app);
        while (plain.hasRemaining()) {
            plain.put((byte) pad);
        }
        return plain.array();
    }

    private void assertBadCipher(byte[] plain) throws GeneralSecurityException {
        byte[] key = Base64.getDecoder().decode(KEY + "=");
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        String encrypted = Base64.getEncoder().encodeToString(aes.doFinal(plain));
        WeChatPushException e = assertThrows(WeChatPushException.class, () -> cipher.decrypt(encrypted, "wxoa000000000001"));
        assertEquals(WeChatPushException.BAD_CIPHER, e.reason(), e.getMessage());
    }
}

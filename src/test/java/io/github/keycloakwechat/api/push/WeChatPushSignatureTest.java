package io.github.keycloakwechat.api.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The push signatures against values computed outside Java ({@code printf '%s\n' … | LC_ALL=C sort | tr -d '\n' |
 * sha1sum}) and against the example of WeChat's own page on message encryption (protocol §7.3).
 */
class WeChatPushSignatureTest {

    @Test
    void theDocumentationsExampleSignatureIsValid() {
        // Token "AAAAA", the push URL's timestamp and nonce, and the signature WeChat's page shows for them.
        assertTrue(WeChatPushSignature.valid("AAAAA", "1714037059", "486452656", "899cf89e464efb63f54ddac96b0a0a235f53aa78"));
        assertEquals("899cf89e464efb63f54ddac96b0a0a235f53aa78", WeChatPushSignature.sign("AAAAA", "1714037059", "486452656"));
    }

    @Test
    void theMessageSignatureCoversTheEncryptText() {
        // sorted: "1648535359" "2021413476" "q1w2+e3/r4==" "simtoken"
        String expected = "1a188f8249cf0fb41b8122259c37e3837f651394";
        assertTrue(WeChatPushSignature.validMessage("simtoken", "1648535359", "2021413476", "q1w2+e3/r4==", expected));
        assertFalse(WeChatPushSignature.validMessage("simtoken", "1648535359", "2021413476", "q1w2+e3/r4=", expected),
                "another ciphertext");
        assertFalse(WeChatPushSignature.valid("simtoken", "1648535359", "2021413476", expected),
                "the message signature is not the plain one");
    }

    @Test
    void anythingChangedIsInvalid() {
        String good = "899cf89e464efb63f54ddac96b0a0a235f53aa78";
        assertFalse(WeChatPushSignature.valid("AAAAB", "1714037059", "486452656", good));
        assertFalse(WeChatPushSignature.valid("AAAAA", "1714037060", "486452656", good));
        assertFalse(WeChatPushSignature.valid("AAAAA", "1714037059", "486452657", good));
        assertFalse(WeChatPushSignature.valid("AAAAA", "1714037059", "486452656", good.toUpperCase()), "lower-case hex, as sent");
        assertFalse(WeChatPushSignature.valid("AAAAA", "1714037059", "486452656", good.substring(1)));
        assertFalse(WeChatPushSignature.valid("AAAAA", "1714037059", "486452656", good + "0"));
    }

    @Test
    void missingOrBlankValuesAreInvalidNotErrors() {
        String good = "899cf89e464efb63f54ddac96b0a0a235f53aa78";
        assertFalse(WeChatPushSignature.valid(null, "1714037059", "486452656", good));
        assertFalse(WeChatPushSignature.valid("AAAAA", null, "486452656", good));
        assertFalse(WeChatPushSignature.valid("AAAAA", "1714037059", " ", good));
        assertFalse(WeChatPushSignature.valid("AAAAA", "1714037059", "486452656", null));
        assertFalse(WeChatPushSignature.valid("AAAAA", "1714037059", "486452656", ""));
        assertFalse(WeChatPushSignature.validMessage("simtoken", "1648535359", "2021413476", null,
                "1a188f8249cf0fb41b8122259c37e3837f651394"));
        assertFalse(WeChatPushSignature.validMessage("", "", "", "", ""));
    }

    @Test
    void theEmptyTokenSignatureOfAnAttackerIsRefused() {
        // Someone who guesses nothing but computes sha1 over timestamp and nonce alone: the Token is missing.
        String withoutToken = WeChatPushSignature.sign("1714037059", "486452656");
        assertFalse(WeChatPushSignature.valid("", "1714037059", "486452656", withoutToken));
    }
}

package io.github.keycloakwechat.apptoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** When the cluster replaces an app access token: before WeChat's expiry, and at once when WeChat refused it. */
class CachedAppTokenTest {

    @Test
    void aTwoHourTokenIsReplacedFiveMinutesBeforeItExpires() {
        CachedAppToken token = CachedAppToken.fetched("T1", 7200, 1_000);

        assertTrue(token.usableAt(1_000 + 6_899, null));
        assertFalse(token.usableAt(1_000 + 6_900, null), "WeChat's stable_token rolls over 5 minutes before expiry");
    }

    @Test
    void aShortLivedTokenIsUsedForHalfItsLife() {
        CachedAppToken token = CachedAppToken.fetched("T1", 400, 0);

        assertTrue(token.usableAt(199, null));
        assertFalse(token.usableAt(200, null));
    }

    @Test
    void theTokenWeChatJustRefusedIsNotUsableButAnotherOneIs() {
        CachedAppToken token = CachedAppToken.fetched("T2", 7200, 0);

        assertFalse(token.usableAt(10, "T2"));
        assertTrue(token.usableAt(10, "T1"), "another request replaced the refused T1 already");
    }

    @Test
    void survivesTheStoreAsNotesAndNothingUnreadableIsUsed() {
        CachedAppToken token = CachedAppToken.fetched("T3", 7200, 50);

        assertEquals(token, CachedAppToken.of(token.notes()));
        assertNull(CachedAppToken.of(null));
        assertNull(CachedAppToken.of(Map.of("token", "T3", "refreshAt", "soon")));
        assertFalse(token.toString().contains("T3"), "the token stays out of logs");
    }
}

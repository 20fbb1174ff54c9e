package io.github.keycloakwechat.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keycloakwechat.api.WeChatAccessToken;
import io.github.keycloakwechat.api.WeChatUserInfo;
import org.junit.jupiter.api.Test;

class WeChatIdentityTest {

    private static final String APP = "wx0123456789abcdef";
    private static final String OPENID = "oEFbN6Kch-_VScWaQ7VIjPmKYQGU";
    private static final String UNIONID = "o1A_Bjp2VuahI2yq27I0AVmC-2hE";

    private static WeChatAccessToken token(String unionid) {
        return new WeChatAccessToken("86_token", 7200, "86_refresh", OPENID, unionid, "snsapi_login", false, "{}");
    }

    @Test
    void theUnionidIsTheBrokeredIdWhenWeChatSendsOne() {
        WeChatIdentity identity = WeChatIdentity.of(APP, token(UNIONID), null);

        assertEquals(UNIONID, identity.brokeredId());
        assertEquals(OPENID, identity.legacyId(), "an older openid link is found and moved to the unionid");
        assertEquals("wechat_o1a_bjp2vuahi2yq27i0avmc-2he", identity.username());
        assertEquals(APP + ":" + OPENID, identity.appOpenid());
    }

    @Test
    void theOpenidIsTheBrokeredIdWhenTheAppIsNotBoundToAnOpenPlatformAccount() {
        WeChatIdentity identity = WeChatIdentity.of(APP, token(null), null);

        assertEquals(OPENID, identity.brokeredId());
        assertNull(identity.legacyId());
        assertNull(identity.unionid());
    }

    @Test
    void aUnionidOnlyInTheProfileStillCounts() {
        WeChatUserInfo profile = new WeChatUserInfo(OPENID, UNIONID, "恩爸", "https://thirdwx.qlogo.cn/mmopen/vi_32/x/132");

        WeChatIdentity identity = WeChatIdentity.of(APP, token(null), profile);

        assertEquals(UNIONID, identity.brokeredId());
        assertEquals("恩爸", identity.nickname());
        assertEquals("https://thirdwx.qlogo.cn/mmopen/vi_32/x/132", identity.avatarUrl());
        assertTrue(identity.hasProfile());
    }

    @Test
    void withoutAProfileThereIsNoNickname() {
        assertFalse(WeChatIdentity.of(APP, token(UNIONID), null).hasProfile());
    }

    @Test
    void nicknamesKeepEmojiLoseControlCharactersAndAreCapped() {
        assertEquals("🌸花👩‍👩‍👧", WeChatIdentity.cleanNickname("🌸花\u0000\u0007👩‍👩‍👧\n"));

        String capped = WeChatIdentity.cleanNickname("😀".repeat(300));
        assertTrue(capped.length() <= WeChatIdentity.MAX_NICKNAME_LENGTH);
        assertEquals(capped.length(), capped.codePointCount(0, capped.length()) * 2, "no emoji cut in half");
    }

    @Test
    void nicknamesKeepRightToLeftTextButLoseDirectionalOverrides() {
        assertEquals("سلام עולם", WeChatIdentity.cleanNickname("سلام עולם"));
        assertEquals("Alignp.exe", WeChatIdentity.cleanNickname("Ali\u202Egnp.exe"));
        assertEquals("ab", WeChatIdentity.cleanNickname("\u2067a\u202Ab\u2069\u202C"));
    }

    @Test
    void onlyHttpsAvatarsAreKept() {
        assertEquals("https://thirdwx.qlogo.cn/a/132", WeChatIdentity.httpsUrlOrNull("https://thirdwx.qlogo.cn/a/132"));
        assertNull(WeChatIdentity.httpsUrlOrNull("javascript:alert(1)"));
        assertNull(WeChatIdentity.httpsUrlOrNull("data:image/png;base64,AAAA"));
        assertNull(WeChatIdentity.httpsUrlOrNull("http://thirdwx.qlogo.cn/a/132"));
        assertNull(WeChatIdentity.httpsUrlOrNull("https://x.example/\"onerror=\"alert(1)"));
        assertNull(WeChatIdentity.httpsUrlOrNull(""));
        assertNull(WeChatIdentity.httpsUrlOrNull(null));
    }
}

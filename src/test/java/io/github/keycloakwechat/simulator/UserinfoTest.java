package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.keys;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /sns/userinfo} and the encoding conventions, §0, §3 and §12 (item 9) of the protocol reference. */
class UserinfoTest extends SimFixture {

    static final String APP = "wxweb0000000010";
    static final String SECRET = "secret-10";
    static final String CB = "https://sso.example.com/cb";
    static final String EMOJI_NICKNAME = "小明😀🇨🇳 \"quoted\" a/b \\ end";

    @Override
    void addAppsAndPeople() {
        sim.addWebsiteApp(APP, SECRET, "sso.example.com");
        sim.addPerson("enba", "恩爸", "https://thirdwx.qlogo.cn/mmopen/vi_32/0KtDGJwZEcic6GlSdic6UJN2/132");
        sim.addPerson("emoji", EMOJI_NICKNAME, "");
    }

    @Test
    void successHasExactlyTheCapturedShapeAndKeyOrder() {
        JsonNode token = login("enba");
        HttpResponse<byte[]> r = http.userinfo(token.get("access_token").asText(), token.get("openid").asText());
        String body = text(r);
        String expected = "{\"openid\":\"" + sim.openid("enba", APP) + "\",\"nickname\":\"恩爸\",\"sex\":0,\"language\":\"\","
                + "\"city\":\"\",\"province\":\"\",\"country\":\"\","
                + "\"headimgurl\":\"https:\\/\\/thirdwx.qlogo.cn\\/mmopen\\/vi_32\\/0KtDGJwZEcic6GlSdic6UJN2\\/132\","
                + "\"privilege\":[],\"unionid\":\"" + sim.unionid("enba") + "\"}";
        assertEquals(expected, body);
        JsonNode user = json(r);
        assertEquals(List.of("openid", "nickname", "sex", "language", "city", "province", "country", "headimgurl", "privilege", "unionid"), keys(user));
        assertEquals("https://thirdwx.qlogo.cn/mmopen/vi_32/0KtDGJwZEcic6GlSdic6UJN2/132", user.get("headimgurl").asText());
        assertEquals(1, sim.calls(SimEndpoint.USERINFO));
    }

    @Test
    void langParameterIsAcceptedAndChangesNothing() {
        JsonNode token = login("enba");
        String base = "/sns/userinfo?access_token=" + token.get("access_token").asText() + "&openid=" + token.get("openid").asText();
        assertEquals(text(http.getBytes(base)), text(http.getBytes(base + "&lang=en")));
    }

    @Test
    void emojiNicknameRoundTripsAsUtf8UnderTextPlainWithoutCharset() {
        JsonNode token = login("emoji");
        HttpResponse<byte[]> r = http.userinfo(token.get("access_token").asText(), token.get("openid").asText());
        assertEquals("text/plain", contentType(r));
        byte[] grinning = "😀".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, grinning);
        assertTrue(indexOf(r.body(), grinning) >= 0, "4-byte UTF-8 sequence sent raw, not as \\u escapes");
        assertEquals(EMOJI_NICKNAME, json(new String(r.body(), StandardCharsets.UTF_8)).get("nickname").asText());
        // What a client gets when it trusts HTTP's ISO-8859-1 default for text/* (the bug this default catches).
        assertNotEquals(EMOJI_NICKNAME, json(new String(r.body(), StandardCharsets.ISO_8859_1)).get("nickname").asText());
        assertEquals("", json(r).get("headimgurl").asText(), "no avatar: empty string");
    }

    @Test
    void contentTypeSwitches() {
        JsonNode token = login("enba");
        String at = token.get("access_token").asText();
        String openid = token.get("openid").asText();
        sim.contentType("application/json; encoding=utf-8");
        assertEquals("application/json; encoding=utf-8", contentType(http.userinfo(at, openid)));
        sim.contentType("application/json; charset=utf-8");
        assertEquals("application/json; charset=utf-8", contentType(http.userinfo(at, openid)));
        assertEquals("application/json; charset=utf-8", contentType(http.getBytes("/sns/userinfo")), "errors too");
        sim.contentType(null);
        assertEquals("text/plain", contentType(http.userinfo(at, openid)));
        sim.contentType("application/json");
        sim.reset();
        assertEquals("application/json", sim.contentType(), "reset keeps switches");
        sim.restoreDefaults();
        assertEquals("text/plain", sim.contentType());
    }

    @Test
    void tokenErrors() {
        JsonNode token = login("enba");
        String at = token.get("access_token").asText();
        String openid = token.get("openid").asText();
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest", http.userinfo("86_unknown", openid));
        assertErrcode(40003, "invalid openid", http.userinfo(at, sim.openid("emoji", APP)));
        assertErrcode(41001, "access_token missing", http.getBytes("/sns/userinfo?openid=" + openid));
        assertErrcode(41009, "missing openid", http.getBytes("/sns/userinfo?access_token=" + at));
        sim.advanceClock(Duration.ofSeconds(7200));
        assertErrcode(42001, "access_token expired", http.userinfo(at, openid));
    }

    private JsonNode login(String personId) {
        return http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, personId, CB));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

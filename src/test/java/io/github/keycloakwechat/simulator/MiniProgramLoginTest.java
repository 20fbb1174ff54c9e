package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.form;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.keys;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person opens a mini program: {@code wx.login()} gives it a code, and its server exchanges the code at
 * {@code /sns/jscode2session} for the person's openid, session key and unionid (§6).
 */
class MiniProgramLoginTest extends SimFixture {

    static final String MINI = "wxmini000000050";
    static final String SECRET = "mini-secret-50";
    static final String OTHER = "wxmini000000051";
    static final String UNBOUND = "wxmini000000052";
    static final String WEBSITE = "wxweb0000000050";

    @Override
    void addAppsAndPeople() {
        sim.addMiniProgram(MINI, SECRET);
        sim.addMiniProgram(OTHER, "mini-secret-51");
        sim.addMiniProgram(UNBOUND, "mini-secret-52").unbound();
        sim.addWebsiteApp(WEBSITE, "web-secret-50", "sso.example.com");
        sim.addPerson("lihua", "李华", null);
    }

    @Test
    void theCodeGivesSessionKeyOpenidAndUnionidWithoutErrcode() {
        HttpResponse<byte[]> r = http.jscode2session(MINI, SECRET, sim.miniProgramLoginCode(MINI, "lihua"));
        assertEquals(200, r.statusCode());
        assertEquals("text/plain", contentType(r));
        JsonNode session = json(r);
        assertEquals(List.of("session_key", "openid", "unionid"), keys(session), "no errcode on success");
        assertEquals(sim.openid("lihua", MINI), session.get("openid").asText());
        assertEquals(sim.unionid("lihua"), session.get("unionid").asText());
        String sessionKey = session.get("session_key").asText();
        assertTrue(sessionKey.matches("[A-Za-z0-9+/]{22}=="), sessionKey);
        assertEquals(16, Base64.getDecoder().decode(sessionKey).length, "an AES-128 key");
    }

    @Test
    void theSessionKeysSlashesAreEscapedAsWeChatSendsThem() {
        for (int i = 0; i < 200; i++) {
            String raw = text(http.jscode2session(MINI, SECRET, sim.miniProgramLoginCode(MINI, "lihua")));
            assertFalse(raw.replace("\\/", "").contains("/"), raw);
            if (json(raw).get("session_key").asText().contains("/")) {
                assertTrue(raw.contains("\\/"), raw);
                return;
            }
        }
        throw new AssertionError("200 random session keys without a slash");
    }

    @Test
    void eachLoginGetsAFreshSessionKey() {
        String first = json(http.jscode2session(MINI, SECRET, sim.miniProgramLoginCode(MINI, "lihua"))).get("session_key").asText();
        String second = json(http.jscode2session(MINI, SECRET, sim.miniProgramLoginCode(MINI, "lihua"))).get("session_key").asText();
        assertNotEquals(first, second);
    }

    @Test
    void anUnboundMiniProgramGetsNoUnionid() {
        JsonNode session = json(http.jscode2session(UNBOUND, "mini-secret-52", sim.miniProgramLoginCode(UNBOUND, "lihua")));
        assertEquals(List.of("session_key", "openid"), keys(session));
        assertEquals(sim.openid("lihua", UNBOUND), session.get("openid").asText());
    }

    @Test
    void aCodeIsSingleUse() {
        String code = sim.miniProgramLoginCode(MINI, "lihua");
        assertTrue(json(http.jscode2session(MINI, SECRET, code)).has("openid"));
        assertErrcode(40163, "code been used", http.jscode2session(MINI, SECRET, code));
    }

    @Test
    void aCodeLivesFiveMinutes() {
        String code = sim.miniProgramLoginCode(MINI, "lihua");
        sim.advanceClock(Duration.ofMinutes(4).plusSeconds(50));
        assertTrue(json(http.jscode2session(MINI, SECRET, code)).has("openid"));

        String late = sim.miniProgramLoginCode(MINI, "lihua");
        sim.advanceClock(Duration.ofMinutes(5).plusSeconds(1));
        assertErrcode(40029, "invalid code", http.jscode2session(MINI, SECRET, late));
    }

    @Test
    void aCodeIsOnlyForItsOwnMiniProgramAndOnlyForThisExchange() {
        String code = sim.miniProgramLoginCode(MINI, "lihua");
        assertErrcode(40029, "invalid code", http.jscode2session(OTHER, "mini-secret-51", code));
        assertTrue(json(http.jscode2session(MINI, SECRET, code)).has("openid"), "the rightful mini program can still use it");

        assertErrcode(40029, "invalid code", http.jscode2session(MINI, SECRET, "0" + "x".repeat(31)));
        sim.person("lihua").phone("13800000000", "86");
        assertErrcode(40029, "invalid code", http.jscode2session(MINI, SECRET, sim.phoneCode(MINI, "lihua")));
    }

    @Test
    void parametersAreCheckedInWeChatsOrder() {
        String code = sim.miniProgramLoginCode(MINI, "lihua");
        assertErrcode(41002, "appid missing", http.getBytes("/sns/jscode2session?secret=" + SECRET + "&js_code=" + code
                + "&grant_type=authorization_code"));
        assertErrcode(41004, "appsecret missing", http.getBytes("/sns/jscode2session?appid=" + MINI + "&js_code=" + code
                + "&grant_type=authorization_code"));
        assertErrcode(41008, "missing code", http.getBytes("/sns/jscode2session?appid=" + MINI + "&secret=" + SECRET
                + "&grant_type=authorization_code"));
        assertErrcode(40002, "invalid grant_type", http.getBytes("/sns/jscode2session?appid=" + MINI + "&secret=" + SECRET
                + "&js_code=" + code));
        assertErrcode(40013, "invalid appid", http.jscode2session("wxnobody", SECRET, code));
        assertErrcode(40013, "invalid appid", http.jscode2session(WEBSITE, "web-secret-50", code)); // not a mini program
        assertErrcode(40125, "invalid appsecret", http.jscode2session(MINI, "not-the-secret", code));
        assertTrue(json(http.jscode2session(MINI, SECRET, code)).has("openid"), "refusals do not use the code up");
    }

    @Test
    void blockedUsersRateLimitsAndOutagesComeAsFaultsAndLeaveTheCode() {
        sim.faults().once(SimEndpoint.JSCODE2SESSION, Fault.errcode(40226))
                .once(SimEndpoint.JSCODE2SESSION, Fault.errcode(45011))
                .once(SimEndpoint.JSCODE2SESSION, Fault.errcode(-1));
        String code = sim.miniProgramLoginCode(MINI, "lihua");
        assertErrcode(40226, "code blocked", http.jscode2session(MINI, SECRET, code));
        assertErrcode(45011, "api minute-quota reach limit mustslower retry next minute", http.jscode2session(MINI, SECRET, code));
        assertErrcode(-1, "system error", http.jscode2session(MINI, SECRET, code));
        assertTrue(json(http.jscode2session(MINI, SECRET, code)).has("openid"));
        assertEquals(4, sim.calls(SimEndpoint.JSCODE2SESSION));
    }

    @Test
    void fieldFaultsActOnTheNormalAnswer() {
        sim.faults().once(SimEndpoint.JSCODE2SESSION, Fault.missingField("unionid"))
                .once(SimEndpoint.JSCODE2SESSION, Fault.wrongType("openid"));
        assertFalse(json(http.jscode2session(MINI, SECRET, sim.miniProgramLoginCode(MINI, "lihua"))).has("unionid"));
        assertTrue(json(http.jscode2session(MINI, SECRET, sim.miniProgramLoginCode(MINI, "lihua"))).get("openid").isNumber());
    }

    @Test
    void itAnswersGetOnlyAsDocumented() {
        HttpResponse<byte[]> post = http.post("/sns/jscode2session", form("appid", MINI, "secret", SECRET,
                "js_code", sim.miniProgramLoginCode(MINI, "lihua"), "grant_type", "authorization_code"));
        assertEquals(405, post.statusCode());
    }
}

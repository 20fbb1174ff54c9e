package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.keys;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A native app signs in with WeChat (§6.2): the SDK's SendAuth gives the app a code, and the app's server exchanges
 * it at {@code /sns/oauth2/access_token} with the mobile app's AppID and secret, exactly like a website code.
 */
class MobileAppLoginTest extends SimFixture {

    static final String APP = "wxmobile0000040";
    static final String SECRET = "mobile-secret-40";
    static final String OTHER = "wxmobile0000041";
    static final String UNBOUND = "wxmobile0000042";
    static final String WEBSITE = "wxweb0000000040";
    static final String MINI = "wxmini000000040";

    @Override
    void addAppsAndPeople() {
        sim.addMobileApp(APP, SECRET);
        sim.addMobileApp(OTHER, "mobile-secret-41");
        sim.addMobileApp(UNBOUND, "mobile-secret-42").unbound();
        sim.addWebsiteApp(WEBSITE, "web-secret-40", "sso.example.com");
        sim.addMiniProgram(MINI, "mini-secret-40");
        sim.addPerson("lihua", "李华", null);
    }

    @Test
    void theCodeIsExchangedLikeAWebsiteCodeWithScopeSnsapiUserinfo() {
        String code = sim.mobileAppCode(APP, "lihua");
        assertTrue(code.matches("[A-Za-z0-9]{32}"), code);
        JsonNode token = http.exchangeJson(APP, SECRET, code);
        assertEquals(List.of("access_token", "expires_in", "refresh_token", "openid", "scope", "unionid"), keys(token));
        assertEquals(sim.openid("lihua", APP), token.get("openid").asText());
        assertEquals("snsapi_userinfo", token.get("scope").asText());
        assertEquals(sim.unionid("lihua"), token.get("unionid").asText(), "the same unionid as on the website");
        assertEquals(7200, token.get("expires_in").asInt());
    }

    @Test
    void userinfoAndRefreshWorkWithTheResultingToken() {
        JsonNode token = http.exchangeJson(APP, SECRET, sim.mobileAppCode(APP, "lihua"));
        JsonNode profile = json(http.userinfo(token.get("access_token").asText(), token.get("openid").asText()));
        assertEquals("李华", profile.get("nickname").asText());
        assertEquals(sim.unionid("lihua"), profile.get("unionid").asText());

        JsonNode refreshed = json(http.getBytes("/sns/oauth2/refresh_token?appid=" + APP + "&grant_type=refresh_token&refresh_token="
                + SimHttp.enc(token.get("refresh_token").asText())));
        assertEquals("snsapi_userinfo", refreshed.get("scope").asText());
    }

    @Test
    void anUnboundMobileAppGetsNoUnionid() {
        JsonNode token = http.exchangeJson(UNBOUND, "mobile-secret-42", sim.mobileAppCode(UNBOUND, "lihua"));
        assertFalse(token.has("unionid"), token.toString());
        assertFalse(json(http.userinfo(token.get("access_token").asText(), token.get("openid").asText())).has("unionid"));
    }

    @Test
    void aCodeIsSingleUse() {
        String code = sim.mobileAppCode(APP, "lihua");
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"));
        assertErrcode(40163, "code been used", http.exchange(APP, SECRET, code));
    }

    @Test
    void aCodeLivesTenMinutesLikeOtherOpenPlatformCodes() {
        String code = sim.mobileAppCode(APP, "lihua");
        sim.advanceClock(Duration.ofMinutes(9).plusSeconds(50));
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"));

        String late = sim.mobileAppCode(APP, "lihua");
        sim.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
        assertErrcode(40029, "invalid code", http.exchange(APP, SECRET, late));

        sim.codeTtl(AppKind.MOBILE_APP, Duration.ofSeconds(30));
        String shortLived = sim.mobileAppCode(APP, "lihua");
        sim.advanceClock(Duration.ofSeconds(31));
        assertErrcode(40029, "invalid code", http.exchange(APP, SECRET, shortLived));
    }

    @Test
    void aCodeIsOnlyForItsOwnApp() {
        String code = sim.mobileAppCode(APP, "lihua");
        assertErrcode(40029, "invalid code", http.exchange(OTHER, "mobile-secret-41", code));
        assertErrcode(40029, "invalid code", http.exchange(WEBSITE, "web-secret-40", code));
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"), "the rightful app can still use it");

        String websiteCode = http.scriptedQrCode(WEBSITE, "lihua", "https://sso.example.com/cb");
        assertErrcode(40029, "invalid code", http.exchange(APP, SECRET, websiteCode));
    }

    @Test
    void aMiniProgramLoginCodeIsNoCodeForTheOauthExchange() {
        assertErrcode(40029, "invalid code", http.exchange(MINI, "mini-secret-40", sim.miniProgramLoginCode(MINI, "lihua")));
    }

    @Test
    void wrongSecretAndUnknownAppAreRefusedAsForWebsiteApps() {
        String code = sim.mobileAppCode(APP, "lihua");
        assertErrcode(40125, "invalid appsecret", http.exchange(APP, "not-the-secret", code));
        assertErrcode(40013, "invalid appid", http.exchange("wxnobody", SECRET, code));
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"), "refusals do not use the code up");
    }

    @Test
    void codesAreMintedOnlyForTheRightKindOfAppAndAKnownPerson() {
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class, () -> sim.mobileAppCode(WEBSITE, "lihua"));
        assertEquals(WEBSITE + " is a website app, not a mobile app", wrongKind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.miniProgramLoginCode(APP, "lihua"));
        assertThrows(IllegalArgumentException.class, () -> sim.mobileAppCode(APP, "nobody"));
        assertThrows(IllegalArgumentException.class, () -> sim.mobileAppCode("wxnobody", "lihua"));
    }

    @Test
    void theControlApiMintsCodesToo() {
        HttpResponse<byte[]> r = http.post("/sim/codes", SimHttp.form("kind", "mobile-app", "appid", APP, "person", "lihua"));
        assertEquals(200, r.statusCode(), text(r));
        assertEquals("application/json; charset=utf-8", SimHttp.contentType(r));
        assertEquals(List.of("code"), keys(json(r)));
        assertEquals(sim.openid("lihua", APP), http.exchangeJson(APP, SECRET, json(r).get("code").asText()).get("openid").asText());

        String jsCode = json(http.post("/sim/codes", SimHttp.form("kind", "miniprogram-login", "appid", MINI, "person", "lihua")))
                .get("code").asText();
        assertTrue(jsCode.matches("[A-Za-z0-9]{32}"), jsCode);

        assertEquals(400, http.post("/sim/codes", SimHttp.form("kind", "phone", "appid", MINI, "person", "lihua")).statusCode(),
                "lihua has no phone number");
        assertEquals(400, http.post("/sim/codes", SimHttp.form("kind", "qr", "appid", APP, "person", "lihua")).statusCode());
        assertEquals(400, http.post("/sim/codes", SimHttp.form("kind", "mobile-app", "appid", MINI, "person", "lihua")).statusCode());
        assertEquals(400, http.post("/sim/codes", SimHttp.form("kind", "mobile-app", "appid", APP)).statusCode());
        assertEquals(405, http.getBytes("/sim/codes").statusCode());
    }
}

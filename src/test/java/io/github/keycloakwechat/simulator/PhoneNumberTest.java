package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.keys;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person taps a mini program's {@code getPhoneNumber} button and agrees: the page gets a phone code, and the mini
 * program's server exchanges it with its app access token for the phone number bound to the person's WeChat (§6.1).
 */
class PhoneNumberTest extends SimFixture {

    static final String MINI = "wxmini000000070";
    static final String SECRET = "mini-secret-70";
    static final String OTHER = "wxmini000000071";
    static final String OTHER_SECRET = "mini-secret-71";
    static final String OA = "wxoa00000000070";

    @Override
    void addAppsAndPeople() {
        sim.addMiniProgram(MINI, SECRET);
        sim.addMiniProgram(OTHER, OTHER_SECRET);
        sim.addOfficialAccount(OA, "oa-secret-70", "mp.example.com");
        sim.addPerson("lihua", "李华", null).phone("13800000000", "86");
        sim.addPerson("john", "John", null).phone("4155550100", "1");
        sim.addPerson("nophone", "No Phone", null);
    }

    @Test
    void theAnswerCarriesThePhoneNumberAndAWatermarkNamingTheMiniProgram() {
        long before = System.currentTimeMillis() / 1000;
        HttpResponse<byte[]> r = http.phoneNumber(http.appAccessToken(MINI, SECRET), sim.phoneCode(MINI, "lihua"));
        assertEquals(200, r.statusCode());
        assertEquals("text/plain", contentType(r));
        JsonNode body = json(r);
        assertEquals(List.of("errcode", "errmsg", "phone_info"), keys(body));
        assertEquals(0, body.get("errcode").asInt());
        assertEquals("ok", body.get("errmsg").asText());
        JsonNode info = body.get("phone_info");
        assertEquals(List.of("phoneNumber", "purePhoneNumber", "countryCode", "watermark"), keys(info));
        assertEquals("13800000000", info.get("phoneNumber").asText());
        assertEquals("13800000000", info.get("purePhoneNumber").asText());
        assertTrue(info.get("countryCode").isTextual(), "a string, as in the reference's example");
        assertEquals("86", info.get("countryCode").asText());
        assertEquals(List.of("timestamp", "appid"), keys(info.get("watermark")));
        assertEquals(MINI, info.get("watermark").get("appid").asText());
        long timestamp = info.get("watermark").get("timestamp").asLong();
        assertTrue(info.get("watermark").get("timestamp").isIntegralNumber());
        assertTrue(timestamp >= before && timestamp <= System.currentTimeMillis() / 1000 + 1, "Unix seconds, now: " + timestamp);
    }

    @Test
    void aNumberOutsideMainlandChinaCarriesItsCountryCodeInPhoneNumber() {
        JsonNode info = json(http.phoneNumber(http.appAccessToken(MINI, SECRET), sim.phoneCode(MINI, "john"))).get("phone_info");
        assertEquals("+1 4155550100", info.get("phoneNumber").asText());
        assertEquals("4155550100", info.get("purePhoneNumber").asText());
        assertEquals("1", info.get("countryCode").asText());
    }

    @Test
    void theCountryCodeCanComeAsANumberAsSomeSdksExpect() {
        sim.phoneCountryCodeAsNumber(true);
        JsonNode info = json(http.phoneNumber(http.appAccessToken(MINI, SECRET), sim.phoneCode(MINI, "lihua"))).get("phone_info");
        assertTrue(info.get("countryCode").isIntegralNumber(), info.toString());
        assertEquals(86, info.get("countryCode").asInt());
    }

    @Test
    void theWatermarkFollowsTheSimulatorsClock() {
        String token = http.appAccessToken(MINI, SECRET);
        long now = json(http.phoneNumber(token, sim.phoneCode(MINI, "lihua"))).at("/phone_info/watermark/timestamp").asLong();
        sim.advanceClock(Duration.ofMinutes(10));
        long later = json(http.phoneNumber(token, sim.phoneCode(MINI, "lihua"))).at("/phone_info/watermark/timestamp").asLong();
        assertTrue(later - now >= 600 && later - now <= 602, (later - now) + " s");
    }

    @Test
    void aPhoneCodeIsSingleUse() {
        String token = http.appAccessToken(MINI, SECRET);
        String code = sim.phoneCode(MINI, "lihua");
        assertEquals(0, json(http.phoneNumber(token, code)).get("errcode").asInt());
        assertErrcode(40029, "invalid code", http.phoneNumber(token, code));
    }

    @Test
    void aPhoneCodeLivesFiveMinutesByDefault() {
        String token = http.appAccessToken(MINI, SECRET);
        String code = sim.phoneCode(MINI, "lihua");
        sim.advanceClock(Duration.ofMinutes(4).plusSeconds(50));
        assertEquals(0, json(http.phoneNumber(token, code)).get("errcode").asInt());

        String late = sim.phoneCode(MINI, "lihua");
        sim.advanceClock(Duration.ofMinutes(5).plusSeconds(1));
        assertErrcode(40029, "invalid code", http.phoneNumber(token, late));

        sim.phoneCodeTtl(Duration.ofSeconds(20));
        String shortLived = sim.phoneCode(MINI, "lihua");
        sim.advanceClock(Duration.ofSeconds(21));
        assertErrcode(40029, "invalid code", http.phoneNumber(token, shortLived));
    }

    @Test
    void aPhoneCodeIsOnlyForItsOwnMiniProgram() {
        String code = sim.phoneCode(MINI, "lihua");
        assertErrcode(40029, "invalid code", http.phoneNumber(http.appAccessToken(OTHER, OTHER_SECRET), code));
        assertEquals(0, json(http.phoneNumber(http.appAccessToken(MINI, SECRET), code)).get("errcode").asInt(),
                "the rightful mini program can still use it");
    }

    @Test
    void aLoginCodeIsNoPhoneCode() {
        assertErrcode(40029, "invalid code", http.phoneNumber(http.appAccessToken(MINI, SECRET), sim.miniProgramLoginCode(MINI, "lihua")));
        assertErrcode(40029, "invalid code", http.phoneNumber(http.appAccessToken(MINI, SECRET), "0" + "x".repeat(31)));
    }

    @Test
    void theAppAccessTokenMustBePresentKnownAndLive() {
        String code = sim.phoneCode(MINI, "lihua");
        assertErrcode(41001, "access_token missing", http.postJson("/wxa/business/getuserphonenumber", "{\"code\":\"" + code + "\"}"));
        assertErrcode(41001, "access_token missing", http.postJson("/wxa/business/getuserphonenumber?access_token=", "{\"code\":\"" + code + "\"}"));
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest", http.phoneNumber("86_not-a-token", code));

        String token = http.appAccessToken(MINI, SECRET);
        sim.invalidateAppAccessTokens(MINI);
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest", http.phoneNumber(token, code));

        String fresh = http.appAccessToken(MINI, SECRET);
        sim.advanceClock(Duration.ofSeconds(7201));
        String late = sim.phoneCode(MINI, "lihua");
        assertErrcode(42001, "access_token expired", http.phoneNumber(fresh, late));
        assertEquals(0, json(http.phoneNumber(http.appAccessToken(MINI, SECRET), late)).get("errcode").asInt(),
                "refused tokens leave the code usable");
    }

    @Test
    void anOfficialAccountsTokenIsNotPermitted() {
        assertErrcode(48001, "api unauthorized", http.phoneNumber(http.appAccessToken(OA, "oa-secret-70"), sim.phoneCode(MINI, "lihua")));
    }

    @Test
    void duringTheRolloverBothTokensWorkButAForcedRefreshEndsTheOldOne() {
        String old = http.appAccessToken(MINI, SECRET);
        sim.advanceClock(Duration.ofSeconds(7200 - 200));
        String rolled = http.appAccessToken(MINI, SECRET);
        assertFalse(old.equals(rolled));
        assertEquals(0, json(http.phoneNumber(old, sim.phoneCode(MINI, "lihua"))).get("errcode").asInt(), "the old one, 200 s left");
        assertEquals(0, json(http.phoneNumber(rolled, sim.phoneCode(MINI, "lihua"))).get("errcode").asInt());

        String forced = json(http.stableToken(MINI, SECRET, true)).get("access_token").asText();
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest", http.phoneNumber(rolled, sim.phoneCode(MINI, "lihua")));
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest", http.phoneNumber(old, sim.phoneCode(MINI, "lihua")));
        assertEquals(0, json(http.phoneNumber(forced, sim.phoneCode(MINI, "lihua"))).get("errcode").asInt());
    }

    @Test
    void theBodyMustBeJsonWithACode() {
        String token = http.appAccessToken(MINI, SECRET);
        String path = "/wxa/business/getuserphonenumber?access_token=" + SimHttp.enc(token);
        assertErrcode(47001, "data format error", http.post(path, SimHttp.form("code", sim.phoneCode(MINI, "lihua"))));
        assertErrcode(41008, "missing code", http.postJson(path, "{}"));
        assertErrcode(41008, "missing code", http.postJson(path, "{\"code\":\"\"}"));
        assertErrcode(43002, "require POST method", http.getBytes(path + "&code=" + sim.phoneCode(MINI, "lihua")));
    }

    @Test
    void rateLimitsOutagesAndTokenTroubleComeAsFaultsAndLeaveTheCode() {
        sim.faults().once(SimEndpoint.GET_USER_PHONE_NUMBER, Fault.errcode(45011))
                .once(SimEndpoint.GET_USER_PHONE_NUMBER, Fault.errcode(-1))
                .once(SimEndpoint.GET_USER_PHONE_NUMBER, Fault.errcode(40001));
        String token = http.appAccessToken(MINI, SECRET);
        String code = sim.phoneCode(MINI, "lihua");
        assertErrcode(45011, "api minute-quota reach limit mustslower retry next minute", http.phoneNumber(token, code));
        assertErrcode(-1, "system error", http.phoneNumber(token, code));
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest", http.phoneNumber(token, code));
        assertEquals(0, json(http.phoneNumber(token, code)).get("errcode").asInt());
        assertEquals(4, sim.calls(SimEndpoint.GET_USER_PHONE_NUMBER));
    }

    @Test
    void aPhoneCodeNeedsAPersonWithAPhoneNumber() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.phoneCode(MINI, "nophone"));
        assertTrue(e.getMessage().contains("nophone has no phone number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.phoneCode(OA, "lihua"), "only a mini program has the button");
        assertThrows(IllegalArgumentException.class, () -> sim.person("nophone").phone("+8613800000000", "86"));
        assertThrows(IllegalArgumentException.class, () -> sim.person("nophone").phone("13800000000", "+86"));
        assertFalse(sim.person("nophone").hasPhone(), "a refused number binds nothing");
    }

    @Test
    void theControlApiMintsPhoneCodes() {
        HttpResponse<byte[]> r = http.post("/sim/codes", SimHttp.form("kind", "phone", "appid", MINI, "person", "lihua"));
        assertEquals(200, r.statusCode(), text(r));
        String code = json(r).get("code").asText();
        assertEquals("13800000000", json(http.phoneNumber(http.appAccessToken(MINI, SECRET), code)).at("/phone_info/purePhoneNumber").asText());
    }
}

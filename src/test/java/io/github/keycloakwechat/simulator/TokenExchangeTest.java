package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.form;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.keys;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Code exchange, refresh and validation, §1.3 and §2 of the protocol reference. */
class TokenExchangeTest extends SimFixture {

    static final String APP = "wxweb0000000002";
    static final String SECRET = "secret-2";
    static final String OTHER = "wxweb0000000003";
    static final String OTHER_SECRET = "secret-3";
    static final String UNBOUND = "wxweb0000000004";
    static final String ELSEWHERE = "wxweb0000000005";
    static final String CB = "https://sso.example.com/cb";

    @Override
    void addAppsAndPeople() {
        sim.addWebsiteApp(APP, SECRET, "sso.example.com");
        sim.addWebsiteApp(OTHER, OTHER_SECRET, "sso.example.com");
        sim.addWebsiteApp(UNBOUND, "secret-4", "sso.example.com").unbound();
        sim.addWebsiteApp(ELSEWHERE, "secret-5", "sso.example.com").boundTo("another-company");
        sim.addPerson("alice", "Alice", null);
    }

    @Test
    void successBodyHasTheDocumentedShapeAndNoErrcode() {
        HttpResponse<byte[]> r = http.exchange(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        assertEquals(200, r.statusCode());
        assertEquals("text/plain", contentType(r), "WeChat sends text/plain without charset");
        JsonNode token = json(r);
        assertEquals(List.of("access_token", "expires_in", "refresh_token", "openid", "scope", "unionid"), keys(token));
        assertTrue(token.get("access_token").asText().matches("86_[A-Za-z0-9_-]{100,}"), token.get("access_token").asText());
        assertTrue(token.get("expires_in").isIntegralNumber());
        assertEquals(7200, token.get("expires_in").asInt());
        assertTrue(token.get("refresh_token").asText().startsWith("86_"));
        assertEquals(sim.openid("alice", APP), token.get("openid").asText());
        assertEquals("snsapi_login", token.get("scope").asText());
        assertEquals(sim.unionid("alice"), token.get("unionid").asText());
        assertFalse(token.has("errcode"));
        assertFalse(token.has("is_snapshotuser"));
    }

    @Test
    void idsHaveWeChatsShape() {
        String openid = sim.openid("alice", APP);
        assertTrue(openid.matches("o[A-Za-z0-9_-]{27}"), openid);
        assertTrue(sim.unionid("alice").matches("o[A-Za-z0-9_-]{27}"));
        assertTrue(http.scriptedQrCode(APP, "alice", CB).matches("[A-Za-z0-9]{32}"));
    }

    @Test
    void postFormExchangeWorksAndExtraParametersAreIgnored() {
        String code = http.scriptedQrCode(APP, "alice", CB);
        HttpResponse<byte[]> r = http.post("/sns/oauth2/access_token", form("appid", APP, "secret", SECRET, "code", code,
                "grant_type", "authorization_code", "redirect_uri", CB, "client_id", "ignored"));
        assertEquals(sim.openid("alice", APP), json(r).get("openid").asText());
    }

    @Test
    void theOtherSnsCallsAnswerGetOnly() {
        // Documented as GET (§2.2, §2.3, §3.1); only the code exchange is known to take a form POST as well (§0).
        for (String path : List.of("/sns/userinfo", "/sns/oauth2/refresh_token", "/sns/auth")) {
            assertEquals(405, http.post(path, form("access_token", "t", "openid", "o")).statusCode(), path);
            assertEquals(200, http.getBytes(path + "?access_token=t&openid=o").statusCode(), path);
        }
    }

    @Test
    void aCodeIsSingleUse() {
        String code = http.scriptedQrCode(APP, "alice", CB);
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"));
        HttpResponse<byte[]> again = http.exchange(APP, SECRET, code);
        assertEquals(200, again.statusCode());
        assertEquals(40163, json(again).get("errcode").asInt());
        assertTrue(json(again).get("errmsg").asText().matches("code been used" + RID), text(again));
        assertEquals(List.of("errcode", "errmsg"), keys(json(again)));
    }

    @Test
    void concurrentExchangesOfOneCodeGiveExactlyOneToken() throws Exception {
        String code = http.scriptedQrCode(APP, "alice", CB);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> http.exchangeJson(APP, SECRET, code));
            }
            int tokens = 0;
            int used = 0;
            for (Future<JsonNode> f : pool.invokeAll(calls)) {
                JsonNode n = f.get();
                if (n.has("access_token")) {
                    tokens++;
                } else if (n.get("errcode").asInt() == 40163) {
                    used++;
                }
            }
            assertEquals(1, tokens);
            assertEquals(7, used);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownExpiredAndForeignCodesAreInvalid() {
        assertErrcode(40029, "invalid code", http.exchange(APP, SECRET, "0" + "x".repeat(31)));

        String code = http.scriptedQrCode(APP, "alice", CB);
        assertErrcode(40029, "invalid code", http.exchange(OTHER, OTHER_SECRET, code));
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"), "the rightful app can still use it");

        String late = http.scriptedQrCode(APP, "alice", CB);
        sim.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
        assertErrcode(40029, "invalid code", http.exchange(APP, SECRET, late));
    }

    @Test
    void websiteCodesLiveTenMinutesByDefaultAndTheLifetimeIsConfigurable() {
        String code = http.scriptedQrCode(APP, "alice", CB);
        sim.advanceClock(Duration.ofMinutes(9).plusSeconds(50));
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"));

        sim.reset();
        sim.codeTtl(Duration.ofSeconds(30));
        String shortLived = http.scriptedQrCode(APP, "alice", CB);
        sim.advanceClock(Duration.ofSeconds(31));
        assertErrcode(40029, "invalid code", http.exchange(APP, SECRET, shortLived));
    }

    @Test
    void credentialsAndParametersAreChecked() {
        String code = http.scriptedQrCode(APP, "alice", CB);
        assertErrcode(40125, "invalid appsecret", http.exchange(APP, "wrong", code));
        assertErrcode(40013, "invalid appid", http.exchange("wxnobody", SECRET, code));
        assertErrcode(41002, "appid missing", http.getBytes("/sns/oauth2/access_token?secret=s&code=c&grant_type=authorization_code"));
        assertErrcode(41004, "appsecret missing", http.getBytes("/sns/oauth2/access_token?appid=" + APP + "&code=c&grant_type=authorization_code"));
        assertErrcode(41008, "missing code", http.getBytes("/sns/oauth2/access_token?appid=" + APP + "&secret=" + SECRET + "&grant_type=authorization_code"));
        assertErrcode(40002, "invalid grant_type", http.getBytes("/sns/oauth2/access_token?appid=" + APP + "&secret=" + SECRET + "&code=" + code + "&grant_type=client_credential"));
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"), "failed attempts do not consume the code");
    }

    @Test
    void unboundAppsGetNoUnionidKeyAtAll() {
        HttpResponse<byte[]> r = http.exchange(UNBOUND, "secret-4", http.scriptedQrCode(UNBOUND, "alice", CB));
        assertFalse(text(r).contains("unionid"), text(r));
        JsonNode token = json(r);
        assertEquals(List.of("access_token", "expires_in", "refresh_token", "openid", "scope"), keys(token));

        JsonNode user = json(http.userinfo(token.get("access_token").asText(), token.get("openid").asText()));
        assertFalse(user.has("unionid"));
    }

    @Test
    void appsOfOneOpenPlatformAccountShareTheUnionidButNotTheOpenid() {
        JsonNode a = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        JsonNode b = http.exchangeJson(OTHER, OTHER_SECRET, http.scriptedQrCode(OTHER, "alice", CB));
        JsonNode c = http.exchangeJson(ELSEWHERE, "secret-5", http.scriptedQrCode(ELSEWHERE, "alice", CB));
        assertEquals(a.get("unionid").asText(), b.get("unionid").asText());
        assertNotEquals(a.get("openid").asText(), b.get("openid").asText());
        assertNotEquals(a.get("unionid").asText(), c.get("unionid").asText(), "another Open Platform account");
        assertEquals(sim.unionid("alice", "another-company"), c.get("unionid").asText());
        assertEquals(a.get("openid").asText().substring(0, 6), sim.openid("alice", APP).substring(0, 6));
    }

    @Test
    void refreshKeepsALiveTokenAndReplacesAnExpiredOne() {
        JsonNode token = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        String refresh = token.get("refresh_token").asText();
        String refreshUrl = "/sns/oauth2/refresh_token?appid=" + APP + "&grant_type=refresh_token&refresh_token=" + refresh;

        JsonNode same = json(http.getBytes(refreshUrl));
        assertEquals(List.of("access_token", "expires_in", "refresh_token", "openid", "scope"), keys(same));
        assertEquals(token.get("access_token").asText(), same.get("access_token").asText());
        assertEquals(refresh, same.get("refresh_token").asText());

        sim.advanceClock(Duration.ofSeconds(7201));
        JsonNode renewed = json(http.getBytes(refreshUrl));
        assertNotEquals(token.get("access_token").asText(), renewed.get("access_token").asText());
        assertEquals(token.get("openid").asText(), renewed.get("openid").asText());
        JsonNode user = json(http.userinfo(renewed.get("access_token").asText(), renewed.get("openid").asText()));
        assertEquals("Alice", user.get("nickname").asText());

        sim.advanceClock(Duration.ofDays(30));
        assertErrcode(42002, "refresh_token expired", http.getBytes(refreshUrl));
    }

    @Test
    void refreshErrors() {
        JsonNode token = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        String refresh = token.get("refresh_token").asText();
        assertErrcode(40030, "invalid refresh_token", http.getBytes("/sns/oauth2/refresh_token?appid=" + APP + "&grant_type=refresh_token&refresh_token=86_nope"));
        assertErrcode(40030, "invalid refresh_token", http.getBytes("/sns/oauth2/refresh_token?appid=" + OTHER + "&grant_type=refresh_token&refresh_token=" + refresh));
        assertErrcode(41002, "appid missing", http.getBytes("/sns/oauth2/refresh_token?grant_type=refresh_token&refresh_token=" + refresh));
        assertErrcode(41003, "refresh_token missing", http.getBytes("/sns/oauth2/refresh_token?appid=" + APP + "&grant_type=refresh_token"));
        assertErrcode(40002, "invalid grant_type", http.getBytes("/sns/oauth2/refresh_token?appid=" + APP + "&grant_type=authorization_code&refresh_token=" + refresh));
    }

    @Test
    void authValidatesTheTokenOpenidPair() {
        JsonNode token = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        String at = token.get("access_token").asText();
        String openid = token.get("openid").asText();
        assertEquals("{\"errcode\":0,\"errmsg\":\"ok\"}", text(http.getBytes("/sns/auth?access_token=" + at + "&openid=" + openid)));
        assertErrcode(40003, "invalid openid", http.getBytes("/sns/auth?access_token=" + at + "&openid=" + sim.openid("alice", OTHER)));
        assertErrcode(40014, "invalid access_token", http.getBytes("/sns/auth?access_token=86_nope&openid=" + openid));
        assertErrcode(41001, "access_token missing", http.getBytes("/sns/auth?openid=" + openid));
        sim.advanceClock(Duration.ofSeconds(7200));
        assertErrcode(42001, "access_token expired", http.getBytes("/sns/auth?access_token=" + at + "&openid=" + openid));
    }

    @Test
    void accessTokenLifetimeIsConfigurableAndReportedAsExpiresIn() {
        sim.accessTokenTtl(Duration.ofSeconds(60));
        JsonNode token = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        assertEquals(60, token.get("expires_in").asInt());
    }

    @Test
    void resetForgetsRunStateButKeepsAppsPeopleAndSwitches() {
        sim.lenientState(true);
        String code = http.scriptedQrCode(APP, "alice", CB);
        JsonNode token = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        sim.nextScan(APP, "alice");
        sim.faults().always(SimEndpoint.AUTH, Fault.errcode(-1));

        sim.reset();

        assertErrcode(40029, "invalid code", http.exchange(APP, SECRET, code));
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest",
                http.userinfo(token.get("access_token").asText(), token.get("openid").asText()));
        assertEquals(200, http.getBytes(SimHttp.qrconnect(APP, CB, "not.alnum")).statusCode());
        assertTrue(text(http.getBytes(SimHttp.qrconnect(APP, CB, "s"))).contains("scan-form"), "scripted scan forgotten, lenient kept");
        assertEquals(41001, json(http.getBytes("/sns/auth")).get("errcode").asInt(), "faults forgotten");
        assertEquals(1, sim.calls(SimEndpoint.ACCESS_TOKEN));
        assertEquals("Alice", sim.person("alice").nickname());
        assertEquals(AppKind.WEBSITE, sim.app(APP).kind());
        assertTrue(sim.lastCallbackUrl() == null);
    }
}

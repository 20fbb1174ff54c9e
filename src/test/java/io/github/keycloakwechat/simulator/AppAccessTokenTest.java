package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.form;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mini program's or Official Account's server fetches its app access token (§7.1): {@code stable_token} gives
 * every caller the same token until shortly before it expires, which is what lets many Keycloak nodes share one.
 */
class AppAccessTokenTest extends SimFixture {

    static final String MINI = "wxmini000000060";
    static final String SECRET = "mini-secret-60";
    static final String OA = "wxoa00000000060";
    static final String OA_SECRET = "oa-secret-60";

    @Override
    void addAppsAndPeople() {
        sim.addMiniProgram(MINI, SECRET);
        sim.addOfficialAccount(OA, OA_SECRET, "mp.example.com");
    }

    @Test
    void theAnswerIsATokenAndItsLifetimeWithoutErrcode() {
        HttpResponse<byte[]> r = http.stableToken(MINI, SECRET, false);
        assertEquals(200, r.statusCode());
        assertEquals("text/plain", contentType(r));
        JsonNode token = json(r);
        assertEquals(List.of("access_token", "expires_in"), keys(token));
        assertTrue(token.get("access_token").asText().matches("[A-Za-z0-9_-]{100,}"), token.toString());
        assertTrue(token.get("expires_in").isIntegralNumber());
        assertEquals(7200, token.get("expires_in").asInt());
    }

    @Test
    void everyCallerGetsTheSameTokenWhileItIsValid() {
        String first = http.appAccessToken(MINI, SECRET);
        assertEquals(first, http.appAccessToken(MINI, SECRET));
        sim.advanceClock(Duration.ofHours(1));
        JsonNode later = json(http.stableToken(MINI, SECRET, false));
        assertEquals(first, later.get("access_token").asText());
        int left = later.get("expires_in").asInt();
        assertTrue(left == 3600 || left == 3599, "the time it has left (the real clock runs on a little): " + left);
    }

    @Test
    void fiveMinutesBeforeExpiryANewTokenIsIssued() {
        String first = http.appAccessToken(MINI, SECRET);
        sim.advanceClock(Duration.ofSeconds(7200 - 301));
        assertEquals(first, http.appAccessToken(MINI, SECRET), "301 s left: still the same");
        sim.advanceClock(Duration.ofSeconds(2));
        JsonNode next = json(http.stableToken(MINI, SECRET, false));
        assertNotEquals(first, next.get("access_token").asText(), "299 s left: rolled over");
        assertEquals(7200, next.get("expires_in").asInt());
        assertEquals(next.get("access_token").asText(), http.appAccessToken(MINI, SECRET));
    }

    @Test
    void anExpiredTokenIsReplaced() {
        String first = http.appAccessToken(MINI, SECRET);
        sim.advanceClock(Duration.ofSeconds(7201));
        assertNotEquals(first, http.appAccessToken(MINI, SECRET));
    }

    @Test
    void forceRefreshIssuesANewTokenButNotTwiceWithinThirtySeconds() {
        String first = http.appAccessToken(MINI, SECRET);
        String forced = json(http.stableToken(MINI, SECRET, true)).get("access_token").asText();
        assertNotEquals(first, forced);
        assertEquals(forced, http.appAccessToken(MINI, SECRET), "normal mode gives the new one");
        sim.advanceClock(Duration.ofSeconds(29));
        assertEquals(forced, json(http.stableToken(MINI, SECRET, true)).get("access_token").asText(), "29 s later: no refresh");
        sim.advanceClock(Duration.ofSeconds(2));
        assertNotEquals(forced, json(http.stableToken(MINI, SECRET, true)).get("access_token").asText(), "31 s later: refreshed");
    }

    @Test
    void atMostTwentyForcedRefreshesADay() {
        toJustAfterMidnightInBeijing();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(json(http.stableToken(MINI, SECRET, true)).get("access_token").asText());
            sim.advanceClock(Duration.ofSeconds(31));
        }
        assertEquals(20, tokens.size());
        assertErrcode(45009, "reach max api daily quota limit", http.stableToken(MINI, SECRET, true));
        assertTrue(tokens.contains(http.appAccessToken(MINI, SECRET)), "normal mode still works");
        sim.advanceClock(Duration.ofDays(1));
        assertTrue(json(http.stableToken(MINI, SECRET, true)).has("access_token"), "the next day");
    }

    @Test
    void invalidatedTokensAreReplacedOnTheNextCall() {
        String first = http.appAccessToken(MINI, SECRET);
        sim.invalidateAppAccessTokens(MINI);
        assertNotEquals(first, http.appAccessToken(MINI, SECRET));

        String second = http.appAccessToken(MINI, SECRET);
        assertEquals(200, http.post("/sim/app-tokens/invalidate", form("appid", MINI)).statusCode());
        assertNotEquals(second, http.appAccessToken(MINI, SECRET));
        assertEquals(400, http.post("/sim/app-tokens/invalidate", form("appid", "wxnobody")).statusCode());
    }

    @Test
    void anOfficialAccountHasItsOwnToken() {
        String oa = http.appAccessToken(OA, OA_SECRET);
        assertNotEquals(http.appAccessToken(MINI, SECRET), oa);
        assertEquals(oa, http.appAccessToken(OA, OA_SECRET));
    }

    @Test
    void parametersAreCheckedInWeChatsOrder() {
        String path = "/cgi-bin/stable_token";
        assertErrcode(41002, "appid missing", http.postJson(path, "{\"grant_type\":\"client_credential\",\"secret\":\"" + SECRET + "\"}"));
        assertErrcode(41004, "appsecret missing", http.postJson(path, "{\"grant_type\":\"client_credential\",\"appid\":\"" + MINI + "\"}"));
        assertErrcode(40002, "invalid grant_type", http.postJson(path, "{\"grant_type\":\"authorization_code\",\"appid\":\"" + MINI
                + "\",\"secret\":\"" + SECRET + "\"}"));
        assertErrcode(40013, "invalid appid", http.stableToken("wxnobody", SECRET, false));
        assertErrcode(40125, "invalid appsecret", http.stableToken(MINI, "not-the-secret", false));
    }

    @Test
    void onlyAJsonPostIsUnderstood() {
        assertErrcode(43002, "require POST method", http.getBytes("/cgi-bin/stable_token?grant_type=client_credential&appid=" + MINI
                + "&secret=" + SECRET));
        assertErrcode(47001, "data format error", http.post("/cgi-bin/stable_token", form("grant_type", "client_credential",
                "appid", MINI, "secret", SECRET)));
        assertErrcode(47001, "data format error", http.postJson("/cgi-bin/stable_token", "{\"appid\":"));
        assertErrcode(47001, "data format error", http.postJson("/cgi-bin/stable_token", "[]"));
        assertTrue(json(http.postJson("/cgi-bin/stable_token", " {\"grant_type\" : \"client_credential\", \"appid\":\"" + MINI
                + "\", \"secret\":\"" + SECRET + "\"}\n")).has("access_token"), "force_refresh may be left out; spaces are fine");
    }

    @Test
    void faultsApplyAndCallsAreCounted() {
        sim.faults().once(SimEndpoint.STABLE_TOKEN, Fault.errcode(-1)).once(SimEndpoint.STABLE_TOKEN, Fault.errcode(45011));
        assertErrcode(-1, "system error", http.stableToken(MINI, SECRET, false));
        assertErrcode(45011, "api minute-quota reach limit mustslower retry next minute", http.stableToken(MINI, SECRET, false));
        assertTrue(json(http.stableToken(MINI, SECRET, false)).has("access_token"));
        assertEquals(3, sim.calls(SimEndpoint.STABLE_TOKEN));
    }

    @Test
    void fiftyConcurrentCallsAreCountedFiftyAndGetOneToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> http.appAccessToken(MINI, SECRET));
            }
            Set<String> tokens = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                tokens.add(f.get());
            }
            assertEquals(1, tokens.size());
            assertEquals(50, sim.calls(SimEndpoint.STABLE_TOKEN));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theClassicTokenEndpointIssuesANewTokenPerCallAndIsIsolatedFromStableToken() {
        String stable = http.appAccessToken(MINI, SECRET);
        String classicPath = "/cgi-bin/token?grant_type=client_credential&appid=" + MINI + "&secret=" + SECRET;
        JsonNode first = json(http.getBytes(classicPath));
        assertEquals(List.of("access_token", "expires_in"), keys(first));
        String second = json(http.getBytes(classicPath)).get("access_token").asText();
        assertNotEquals(first.get("access_token").asText(), second);
        assertEquals(stable, http.appAccessToken(MINI, SECRET), "the classic calls did not replace the stable token");
        assertEquals(2, sim.calls(SimEndpoint.CGI_TOKEN));
        assertErrcode(40125, "invalid appsecret", http.getBytes("/cgi-bin/token?grant_type=client_credential&appid=" + MINI + "&secret=x"));
        assertErrcode(40002, "invalid grant_type", http.getBytes("/cgi-bin/token?appid=" + MINI + "&secret=" + SECRET));
    }

    /** Moves the simulator's clock to just after the next midnight in Beijing, where WeChat's daily quotas restart. */
    private void toJustAfterMidnightInBeijing() {
        ZoneId beijing = ZoneId.of("Asia/Shanghai");
        long nextMidnight = LocalDate.now(beijing).plusDays(1).atStartOfDay(beijing).toInstant().toEpochMilli();
        sim.advanceClock(Duration.ofMillis(nextMidnight - System.currentTimeMillis()).plusMinutes(1));
    }
}

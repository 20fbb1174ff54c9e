package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault injection per endpoint and the call counters. */
class FaultInjectionTest extends SimFixture {

    static final String APP = "wxweb0000000020";
    static final String SECRET = "secret-20";
    static final String CB = "https://sso.example.com/cb";

    @Override
    void addAppsAndPeople() {
        sim.addWebsiteApp(APP, SECRET, "sso.example.com");
        sim.addOfficialAccount("wxoa0000000020", "oasecret", "mp.example.com");
        sim.addPerson("alice", "Alice", null);
    }

    @Test
    void errcodeFaultShortCircuitsWithoutConsumingTheCode() {
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.errcode(-1));
        String code = http.scriptedQrCode(APP, "alice", CB);
        assertErrcode(-1, "system error", http.exchange(APP, SECRET, code));
        assertTrue(http.exchangeJson(APP, SECRET, code).has("access_token"), "applies once; the code survived");
        assertEquals(2, sim.calls(SimEndpoint.ACCESS_TOKEN));
    }

    @Test
    void errcodeWithOwnMessageAndUnknownCodes() {
        sim.faults().once(SimEndpoint.USERINFO, Fault.errcode(45011))
                .once(SimEndpoint.USERINFO, Fault.errcode(50002, "user limited by test"))
                .once(SimEndpoint.USERINFO, Fault.errcode(99999));
        assertErrcode(45011, "api minute-quota reach limit mustslower retry next minute", http.getBytes("/sns/userinfo"));
        assertErrcode(50002, "user limited by test", http.getBytes("/sns/userinfo"));
        assertEquals(99999, json(http.getBytes("/sns/userinfo")).get("errcode").asInt());
        assertEquals(41001, json(http.getBytes("/sns/userinfo")).get("errcode").asInt(), "queue drained: normal again");
    }

    @Test
    void delayThenNormalAnswerWithoutBlockingOtherCalls() throws Exception {
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.delay(Duration.ofMillis(600)));
        String code = http.scriptedQrCode(APP, "alice", CB);
        long start = System.nanoTime();
        CompletableFuture<JsonNode> slow = CompletableFuture.supplyAsync(() -> http.exchangeJson(APP, SECRET, code));
        awaitTaken(SimEndpoint.ACCESS_TOKEN);
        long otherStart = System.nanoTime();
        http.getBytes("/sns/auth");
        assertTrue((System.nanoTime() - otherStart) / 1_000_000 < 500, "other endpoints answer meanwhile");
        assertTrue(slow.get().has("access_token"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 600);
    }

    @Test
    void httpStatusFaultAnswersAGatewayPage() {
        sim.faults().once(SimEndpoint.USERINFO, Fault.httpStatus(502));
        HttpResponse<byte[]> r = http.getBytes("/sns/userinfo");
        assertEquals(502, r.statusCode());
        assertTrue(contentType(r).startsWith("text/html"));
        assertTrue(text(r).contains("502 Bad Gateway"));
    }

    @Test
    void htmlBodyFault() {
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.htmlBody());
        HttpResponse<byte[]> r = http.getBytes("/sns/oauth2/access_token");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", contentType(r));
        assertTrue(text(r).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void malformedJsonFaultCannotBeParsed() {
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.malformedJson());
        HttpResponse<byte[]> r = http.getBytes("/sns/oauth2/access_token");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain", contentType(r));
        assertThrows(JsonProcessingException.class, () -> new ObjectMapper().readTree(r.body()));
    }

    @Test
    void oversizedJsonFaultPadsTheNormalAnswer() {
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.oversizedJson(100_000));
        HttpResponse<byte[]> r = http.exchange(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        assertEquals(100_000, r.body().length);
        JsonNode token = json(r);
        assertEquals(sim.openid("alice", APP), token.get("openid").asText());
        assertTrue(token.has("padding"));
    }

    @Test
    void emptyBodyFault() {
        sim.faults().once(SimEndpoint.USERINFO, Fault.emptyBody());
        HttpResponse<byte[]> r = http.getBytes("/sns/userinfo");
        assertEquals(200, r.statusCode());
        assertEquals(0, r.body().length);
    }

    @Test
    void missingFieldAndWrongTypeFaultsEditTheSuccessBody() {
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.missingField("openid"))
                .once(SimEndpoint.ACCESS_TOKEN, Fault.wrongType("openid"))
                .once(SimEndpoint.ACCESS_TOKEN, Fault.wrongType("expires_in"));
        JsonNode missing = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        assertFalse(missing.has("openid"));
        assertTrue(missing.has("access_token") && missing.has("unionid"));

        JsonNode wrong = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        assertTrue(wrong.get("openid").isNumber(), wrong.toString());

        JsonNode wrongNumber = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        assertTrue(wrongNumber.get("expires_in").isTextual());
    }

    @Test
    void rawBodyAndContentTypeFaults() {
        sim.faults().once(SimEndpoint.AUTH, Fault.rawBody("application/xml", "<xml><errcode>0</errcode></xml>"))
                .once(SimEndpoint.AUTH, Fault.contentType("text/html"))
                .once(SimEndpoint.AUTH, Fault.rawBody(null, "no header"));
        HttpResponse<byte[]> raw = http.getBytes("/sns/auth");
        assertEquals("application/xml", contentType(raw));
        assertEquals("<xml><errcode>0</errcode></xml>", text(raw));

        HttpResponse<byte[]> relabelled = http.getBytes("/sns/auth");
        assertEquals("text/html", contentType(relabelled));
        assertEquals(41001, json(relabelled).get("errcode").asInt(), "the normal answer, relabelled");

        HttpResponse<byte[]> bare = http.getBytes("/sns/auth");
        assertEquals(null, contentType(bare));
        assertEquals("no header", text(bare));
    }

    @Test
    void timesAndAlwaysAndClear() {
        sim.faults().times(SimEndpoint.AUTH, 2, Fault.errcode(-1));
        assertEquals(-1, json(http.getBytes("/sns/auth")).get("errcode").asInt());
        assertEquals(-1, json(http.getBytes("/sns/auth")).get("errcode").asInt());
        assertEquals(41001, json(http.getBytes("/sns/auth")).get("errcode").asInt());

        sim.faults().always(SimEndpoint.AUTH, Fault.errcode(45009));
        for (int i = 0; i < 5; i++) {
            assertEquals(45009, json(http.getBytes("/sns/auth")).get("errcode").asInt());
        }
        assertEquals(Integer.MAX_VALUE, sim.faults().pending(SimEndpoint.AUTH));
        sim.faults().clear();
        assertEquals(41001, json(http.getBytes("/sns/auth")).get("errcode").asInt());
        assertEquals(0, sim.faults().pending(SimEndpoint.AUTH));
    }

    @Test
    void faultsOnOneEndpointLeaveTheOthersAlone() {
        sim.faults().always(SimEndpoint.USERINFO, Fault.httpStatus(503));
        assertEquals(200, http.getBytes("/sns/auth").statusCode());
        assertEquals(503, http.getBytes("/sns/userinfo").statusCode());
    }

    @Test
    void authorizePagesTakeErrcodeAndStatusFaultsButNotFieldFaults() {
        sim.faults().once(SimEndpoint.QRCONNECT, Fault.errcode(-1))
                .once(SimEndpoint.OA_AUTHORIZE, Fault.httpStatus(503));
        HttpResponse<byte[]> page = http.getBytes(SimHttp.qrconnect(APP, CB, "s"));
        assertEquals(200, page.statusCode());
        assertEquals("-1", Jsoup.parse(text(page)).getElementById("errcode").text());
        assertEquals(503, http.getBytes("/connect/oauth2/authorize?appid=x").statusCode());
        assertThrows(IllegalArgumentException.class, () -> sim.faults().once(SimEndpoint.QRCONNECT, Fault.missingField("code")));
        assertThrows(IllegalArgumentException.class, () -> sim.faults().times(SimEndpoint.AUTH, 0, Fault.htmlBody()));
    }

    @Test
    void countersCountEveryCallPerEndpointAndResetClearsThem() {
        JsonNode token = http.exchangeJson(APP, SECRET, http.scriptedQrCode(APP, "alice", CB));
        http.userinfo(token.get("access_token").asText(), token.get("openid").asText());
        assertEquals(1, sim.calls(SimEndpoint.QRCONNECT));
        assertEquals(1, sim.calls(SimEndpoint.ACCESS_TOKEN));
        assertEquals(1, sim.calls(SimEndpoint.USERINFO));
        assertEquals(0, sim.calls(SimEndpoint.REFRESH_TOKEN));
        assertEquals(0, sim.calls(SimEndpoint.AUTH));
        assertEquals(0, sim.calls(SimEndpoint.OA_AUTHORIZE));

        sim.faults().once(SimEndpoint.AUTH, Fault.httpStatus(500));
        http.getBytes("/sns/auth");
        assertEquals(1, sim.calls(SimEndpoint.AUTH), "faulted calls count too");

        sim.reset();
        for (SimEndpoint e : SimEndpoint.values()) {
            assertEquals(0, sim.calls(e));
        }
    }

    /**
     * Returns once a call to the endpoint has taken its planned fault, i.e. is inside it now: the next request
     * is certain to arrive while that call is under way, however slowly the first one got going.
     */
    private void awaitTaken(SimEndpoint endpoint) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sim.faults().pending(endpoint) > 0) {
            assertTrue(System.nanoTime() < deadline, "no call took the fault planned for " + endpoint);
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }
}

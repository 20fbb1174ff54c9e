package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.keycloakwechat.simulator.SimHttp.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The duplicate-callback reports (§4.3): the simulator hits the callback itself. A tiny relying party here
 * exchanges every code it receives, like a naive (non-idempotent) client would.
 */
class DuplicateCallbackTest extends SimFixture {

    static final String APP = "wxweb0000000040";
    static final String SECRET = "secret-40";

    HttpServer relyingParty;
    final List<Integer> exchangeResults = new CopyOnWriteArrayList<>();
    String callback;

    @Override
    void addAppsAndPeople() {
        sim.addWebsiteApp(APP, SECRET, "127.0.0.1");
        sim.addPerson("erin", "Erin", null);
    }

    @BeforeAll
    void startRelyingParty() throws IOException {
        relyingParty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relyingParty.createContext("/cb", exchange -> {
            String code = params(exchange.getRequestURI().toString()).get("code");
            JsonNode token = http.exchangeJson(APP, SECRET, code);
            exchangeResults.add(token.has("errcode") ? token.get("errcode").asInt() : 0);
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        relyingParty.start();
        callback = "http://127.0.0.1:" + relyingParty.getAddress().getPort() + "/cb";
    }

    @AfterAll
    void stopRelyingParty() {
        relyingParty.stop(0);
    }

    @BeforeEach
    void forgetExchanges() {
        exchangeResults.clear();
    }

    @Test
    void beforeModeHitsTheCallbackBeforeTheBrowserGetsTheRedirect() {
        sim.duplicateCallback(DuplicateCallback.BEFORE);
        String browserUrl = http.scriptedQrLogin(APP, "erin", callback, "dup1");
        assertEquals(List.of(0), exchangeResults, "the simulator's replay already exchanged the code");
        assertEquals(new CallbackReplay(browserUrl, 200, null), sim.callbackReplays().get(0));

        followAsBrowser(browserUrl);
        assertEquals(List.of(0, 40163), exchangeResults, "the browser's callback meets a used code");
    }

    @Test
    void afterModeReplaysInTheBackground() throws InterruptedException {
        sim.duplicateCallback(DuplicateCallback.AFTER).duplicateCallbackDelay(Duration.ofMillis(100));
        String browserUrl = http.scriptedQrLogin(APP, "erin", callback, "dup2");
        followAsBrowser(browserUrl);
        for (int i = 0; i < 100 && sim.callbackReplays().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertEquals(1, sim.callbackReplays().size());
        assertEquals(List.of(0, 40163), exchangeResults);
    }

    @Test
    void lastCallbackCanBeReplayedOnDemand() {
        assertNull(sim.lastCallbackUrl());
        assertThrows(IllegalStateException.class, sim::replayLastCallback);
        String browserUrl = http.scriptedQrLogin(APP, "erin", callback, "dup3");
        assertEquals(browserUrl, sim.lastCallbackUrl());
        assertTrue(exchangeResults.isEmpty(), "off by default");
        followAsBrowser(browserUrl);
        CallbackReplay replay = sim.replayLastCallback();
        assertEquals(200, replay.status());
        assertEquals(List.of(0, 40163), exchangeResults);
    }

    @Test
    void anUnreachableCallbackIsRecordedNotFatal() {
        sim.addWebsiteApp("wxweb0000000041", "s", "sso.invalid");
        sim.duplicateCallback(DuplicateCallback.BEFORE);
        String url = http.scriptedQrLogin("wxweb0000000041", "erin", "http://sso.invalid:1/cb", "x");
        CallbackReplay replay = sim.callbackReplays().get(0);
        assertEquals(url, replay.url());
        assertEquals(-1, replay.status());
        assertTrue(replay.error() != null);
    }

    private static void followAsBrowser(String url) {
        try {
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

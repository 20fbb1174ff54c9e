package io.github.keycloakwechat.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static io.github.keycloakwechat.simulator.SimHttp.location;
import static io.github.keycloakwechat.simulator.SimHttp.params;
import static io.github.keycloakwechat.simulator.SimHttp.qrconnect;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The switches the benchmark relies on: signed-in browsers and API latency. */
class BenchmarkSwitchesTest extends SimFixture {

    static final String APP = "wxweb0000000009";
    static final String SECRET = "wxsecret";
    static final String CALLBACK = "http://127.0.0.1:8080/realms/bench/broker/wechat/endpoint";

    @Override
    void addAppsAndPeople() {
        sim.addWebsiteApp(APP, SECRET, "127.0.0.1");
        sim.addPerson("octo", "Octo Cat", null);
    }

    @Test
    void qrPageHonoursTheSignedInCookieOnlyWhenSwitchedOn() {
        assertEquals(200, signedInAs("octo", qrconnect(APP, CALLBACK, "abc")).statusCode());
        sim.signedInBrowsers(true);
        HttpResponse<byte[]> r = signedInAs("octo", qrconnect(APP, CALLBACK, "abc"));
        assertEquals(302, r.statusCode(), text(r));
        String code = params(location(r)).get("code");
        assertEquals(sim.openid("octo", APP), http.exchangeJson(APP, SECRET, code).get("openid").asText());
    }

    @Test
    void signedInCookieOfAnUnknownPersonShowsTheQrPage() {
        sim.signedInBrowsers(true);
        assertEquals(200, signedInAs("nobody", qrconnect(APP, CALLBACK, "abc")).statusCode());
    }

    @Test
    void apiLatencyDelaysApiCallsButNotPages() {
        sim.apiLatency(Duration.ofMillis(300));
        long pageStart = System.nanoTime();
        http.getBytes(qrconnect(APP, CALLBACK, "abc"));
        assertTrue(millisSince(pageStart) < 250, "pages are not delayed");
        long apiStart = System.nanoTime();
        http.userinfo("nope", "nope");
        assertTrue(millisSince(apiStart) >= 300, "API calls are delayed");
    }

    private HttpResponse<byte[]> signedInAs(String personId, String pathAndQuery) {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .header("Cookie", "other=1; " + WeChatSimulator.SIGNED_IN_COOKIE + "=" + personId).build());
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}

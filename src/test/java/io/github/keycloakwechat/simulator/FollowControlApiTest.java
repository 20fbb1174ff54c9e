package io.github.keycloakwechat.simulator;

import static io.github.keycloakwechat.simulator.SimHttp.form;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.api.push.WeChatPushCipher;
import io.github.keycloakwechat.api.push.WeChatPushXml;
import org.junit.jupiter.api.Test;

/** The scan-to-follow sign-in driven through {@code /sim} with curl-style calls, as a demo or another team's CI does. */
class FollowControlApiTest extends SimFixture {

    static final String OA = "wxoa00000000070";
    static final String SECRET = "oa-secret-70";

    @Override
    void addAppsAndPeople() {
        sim.addOfficialAccount(OA, SECRET, "mp.example.com");
        sim.addPerson("an", "安", null);
    }

    @Test
    void theHelpListsTheRoutes() {
        String help = http.get("/sim");
        for (String route : new String[] {"/sim/message-server", "/sim/followers", "/sim/scan-ticket", "/sim/pushes", "pushTimeoutMillis"}) {
            assertTrue(help.contains(route), route);
        }
        assertTrue(help.contains("QRCODE_CREATE|SHOW_QRCODE|USER_INFO"), "the fault endpoints");
    }

    @Test
    void aSafeModeServerGetsAKeyMadeUpAndTheScanIsPushedAndListed() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            HttpResponse<byte[]> configured = http.post("/sim/message-server",
                    form("appid", OA, "url", server.url("/push"), "token", "demoToken", "mode", "safe"));
            assertEquals(200, configured.statusCode(), text(configured));
            JsonNode config = json(configured);
            assertEquals(sim.originalId(OA), config.get("originalId").asText());
            String key = config.get("aesKey").asText();
            assertEquals(43, key.length());

            String ticket = http.loginQrCode(http.appAccessToken(OA, SECRET), "demo", 60).get("ticket").asText();
            HttpResponse<byte[]> scanned = http.post("/sim/scan-ticket", form("ticket", ticket, "person", "an"));
            assertEquals(200, scanned.statusCode(), text(scanned));
            JsonNode delivery = json(scanned);
            assertEquals("ACKNOWLEDGED", delivery.get("status").asText());
            assertEquals("subscribe", delivery.get("event").asText());
            assertEquals(sim.openid("an", OA), delivery.get("openid").asText());
            JsonNode attempt = delivery.get("attempts").get(0);
            assertEquals(200, attempt.get("status").asInt());
            assertEquals("success", attempt.get("reply").asText());
            assertEquals(server.received().get(0).text(), attempt.get("body").asText());

            String encrypt = WeChatPushXml.parse(server.received().get(0).body()).get("Encrypt");
            assertTrue(new WeChatPushCipher(key).decrypt(encrypt, OA).contains("qrscene_demo"), "the key answered is the key used");

            JsonNode pushes = json(http.getBytes("/sim/pushes"));
            assertEquals(1, pushes.size());
            assertEquals(ticket, pushes.get(0).get("ticket").asText());
        }
    }

    @Test
    void followersCanBeSetAndAnExpiredTicketIsABadRequest() {
        HttpResponse<byte[]> followed = http.post("/sim/followers", form("appid", OA, "person", "an"));
        assertEquals(200, followed.statusCode(), text(followed));
        assertTrue(json(followed).get("following").asBoolean());
        assertTrue(sim.follows(OA, "an"));
        assertFalse(json(http.post("/sim/followers", form("appid", OA, "person", "an", "following", "false"))).get("following").asBoolean());
        assertFalse(sim.follows(OA, "an"));

        HttpResponse<byte[]> unknown = http.post("/sim/scan-ticket", form("ticket", "gone", "person", "an"));
        assertEquals(400, unknown.statusCode());
        assertTrue(text(unknown).contains("unknown or expired"), text(unknown));
        assertEquals(400, http.post("/sim/message-server", form("appid", OA, "url", "http://x/p", "token", "t", "mode", "plain")).statusCode(),
                "a Token of 3 to 32 letters and digits");
        assertEquals(400, http.post("/sim/message-server", form("appid", OA, "url", "http://x/p", "token", "tok", "mode", "loud")).statusCode());
    }

    @Test
    void thePushTimeoutIsASetting() {
        HttpResponse<byte[]> r = http.post("/sim/settings", form("pushTimeoutMillis", "250"));
        assertEquals(250, json(r).get("pushTimeoutMillis").asLong());
        sim.restoreDefaults();
        assertEquals(5000, json(http.getBytes("/sim/settings")).get("pushTimeoutMillis").asLong());
    }
}

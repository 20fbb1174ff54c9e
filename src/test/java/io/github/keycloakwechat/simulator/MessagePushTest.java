package io.github.keycloakwechat.simulator;

import static io.github.keycloakwechat.simulator.SimHttp.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.keycloakwechat.api.push.WeChatPushCipher;
import io.github.keycloakwechat.api.push.WeChatPushException;
import io.github.keycloakwechat.api.push.WeChatPushMessage;
import io.github.keycloakwechat.api.push.WeChatPushSignature;
import io.github.keycloakwechat.api.push.WeChatPushXml;
import org.junit.jupiter.api.Test;

/**
 * The scan of an Official Account's QR code as its message server sees it (§7.3): the event, its signatures in the
 * query, the body of each mode, WeChat's retries when no answer comes in time. Encrypted bodies are opened with the
 * simulator's own cipher and with the extension's ({@code api.push}), two implementations written apart.
 */
class MessagePushTest extends SimFixture {

    static final String OA = "wxoa00000000080";
    static final String SECRET = "oa-secret-80";
    static final String TOKEN = "pushToken80";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @Override
    void addAppsAndPeople() {
        sim.addOfficialAccount(OA, SECRET, "mp.example.com");
        sim.addPerson("li", "李", null);
    }

    private String ticket(String scene) {
        return http.loginQrCode(http.appAccessToken(OA, SECRET), scene, 300).get("ticket").asText();
    }

    @Test
    void aNewFollowerIsPushedSubscribeWithTheSceneAfterQrscenePlainAndSigned() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/wechat/push"), TOKEN, null, PushMode.PLAIN);
            String ticket = ticket("login_7f3a9c");
            long before = System.currentTimeMillis() / 1000;

            PushDelivery delivery = sim.scanQrTicket(ticket, "li");

            assertEquals(PushDelivery.Status.ACKNOWLEDGED, delivery.status());
            assertEquals("subscribe", delivery.event());
            assertTrue(sim.follows(OA, "li"));
            PushReceiver.Received push = server.received().get(0);
            assertEquals("text/xml", push.contentType());
            Map<String, String> query = params("/?" + push.rawQuery());
            assertEquals(List.of("signature", "timestamp", "nonce", "openid"), List.copyOf(query.keySet()));
            assertEquals(sim.openid("li", OA), query.get("openid"));
            assertTrue(WeChatPushSignature.valid(TOKEN, query.get("timestamp"), query.get("nonce"), query.get("signature")));
            assertEquals(PushSigner.sign(TOKEN, query.get("timestamp"), query.get("nonce")), query.get("signature"));

            Map<String, String> fields = WeChatPushXml.parse(push.body());
            assertEquals(List.of("ToUserName", "FromUserName", "CreateTime", "MsgType", "Event", "EventKey", "Ticket"),
                    List.copyOf(fields.keySet()), "the fields of WeChat's example, in its order");
            assertEquals(sim.originalId(OA), fields.get("ToUserName"));
            assertEquals(sim.openid("li", OA), fields.get("FromUserName"));
            assertEquals("event", fields.get("MsgType"));
            assertEquals("subscribe", fields.get("Event"));
            assertEquals("qrscene_login_7f3a9c", fields.get("EventKey"));
            assertEquals(ticket, fields.get("Ticket"));
            assertEquals(query.get("timestamp"), fields.get("CreateTime"));
            assertTrue(Long.parseLong(fields.get("CreateTime")) >= before);
            assertEquals("login_7f3a9c", WeChatPushMessage.of(fields).loginScene());
            assertTrue(push.text().contains("<Event><![CDATA[subscribe]]></Event>"), push.text());
        }
    }

    @Test
    void aFollowerIsPushedScanWithTheBareScene() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, null, PushMode.PLAIN);
            sim.follow(OA, "li");
            assertEquals("SCAN", sim.scanQrTicket(ticket("login_42"), "li").event());
            Map<String, String> fields = WeChatPushXml.parse(server.received().get(0).body());
            assertEquals("SCAN", fields.get("Event"));
            assertEquals("login_42", fields.get("EventKey"));

            assertEquals("SCAN", sim.scanQrTicket(ticket("login_43"), "li").event(), "a second scan: a follower now");
        }
    }

    @Test
    void theSubscribeOfTheFirstScanTurnsIntoScanOnTheNext() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, null, PushMode.PLAIN);
            String ticket = ticket("twice");
            assertEquals("subscribe", sim.scanQrTicket(ticket, "li").event());
            assertEquals("SCAN", sim.scanQrTicket(ticket, "li").event(), "a ticket can be scanned again while it lives");
            sim.unfollow(OA, "li");
            assertEquals("subscribe", sim.scanQrTicket(ticket, "li").event());
            assertEquals(3, sim.pushes().size());
        }
    }

    @Test
    void compatibleModeSendsThePlaintextAndItsEncryptionBothImplementationsAgree() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/push?realm=demo"), TOKEN, KEY, PushMode.COMPATIBLE);
            String ticket = ticket("compat");
            sim.scanQrTicket(ticket, "li");
            PushReceiver.Received push = server.received().get(0);
            Map<String, String> query = params("/?" + push.rawQuery());
            assertEquals(List.of("realm", "signature", "timestamp", "nonce", "openid", "encrypt_type", "msg_signature"),
                    List.copyOf(query.keySet()), "the configured URL's own query first");
            assertEquals("aes", query.get("encrypt_type"));

            Map<String, String> fields = WeChatPushXml.parse(push.body());
            assertEquals(List.of("ToUserName", "FromUserName", "CreateTime", "MsgType", "Event", "EventKey", "Ticket", "Encrypt"),
                    List.copyOf(fields.keySet()));
            String encrypt = fields.get("Encrypt");
            assertTrue(WeChatPushSignature.valid(TOKEN, query.get("timestamp"), query.get("nonce"), query.get("signature")));
            assertTrue(WeChatPushSignature.validMessage(TOKEN, query.get("timestamp"), query.get("nonce"), encrypt, query.get("msg_signature")));

            String ours = new WeChatPushCipher(KEY).decrypt(encrypt, OA);
            String simulators = new PushCrypt(KEY).decrypt(encrypt, OA);
            assertEquals(simulators, ours);
            Map<String, String> inside = WeChatPushXml.parse(ours.getBytes(StandardCharsets.UTF_8));
            assertEquals(fields.get("EventKey"), inside.get("EventKey"));
            assertEquals(ticket, inside.get("Ticket"));
            assertNull(inside.get("Encrypt"));
        }
    }

    @Test
    void safeModeSendsOnlyToUserNameAndEncrypt() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, KEY, PushMode.SAFE);
            sim.scanQrTicket(ticket("safe"), "li");
            PushReceiver.Received push = server.received().get(0);
            Map<String, String> query = params("/?" + push.rawQuery());
            Map<String, String> fields = WeChatPushXml.parse(push.body());
            assertEquals(List.of("ToUserName", "Encrypt"), List.copyOf(fields.keySet()));
            assertEquals(sim.originalId(OA), fields.get("ToUserName"));
            assertTrue(WeChatPushSignature.validMessage(TOKEN, query.get("timestamp"), query.get("nonce"), fields.get("Encrypt"),
                    query.get("msg_signature")));

            WeChatPushMessage inside = WeChatPushMessage.of(WeChatPushXml.parse(
                    new WeChatPushCipher(KEY).decrypt(fields.get("Encrypt"), OA).getBytes(StandardCharsets.UTF_8)));
            assertEquals("safe", inside.loginScene());
            assertEquals(sim.openid("li", OA), inside.fromUserName());
            assertEquals(WeChatPushException.WRONG_APPID,
                    assertThrows(WeChatPushException.class, () -> new WeChatPushCipher(KEY).decrypt(fields.get("Encrypt"), "wxother")).reason());
        }
    }

    @Test
    void whatTheExtensionEncryptsTheSimulatorDecrypts() {
        String xml = "<xml><Content><![CDATA[回复]]></Content></xml>";
        assertEquals(xml, new PushCrypt(KEY).decrypt(new WeChatPushCipher(KEY).encrypt(xml, OA), OA));
        String vector = new PushCrypt(KEY).encrypt("0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "<xml>你好</xml>", "wx0123456789abcdef");
        assertEquals("Q3stYC6hdFzMh9T8HCvyDORchGzARlxqyFUOtgi0n8EJhuWZHdYHoZ5sKzvWlbDdatuFEOuzg7fH7PedAEDGxw==", vector,
                "the vector WeChatPushCipherTest pins");
    }

    @Test
    void noAnswerInTimeIsRetriedThreeTriesInAllWithTheSameBytes() throws Exception {
        sim.pushTimeout(Duration.ofMillis(300));
        try (PushReceiver server = new PushReceiver(n -> n < 2 ? PushReceiver.Answer.after(Duration.ofSeconds(2), "success")
                : PushReceiver.Answer.reply("success"))) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, KEY, PushMode.SAFE);
            PushDelivery delivery = sim.scanQrTicket(ticket("slow"), "li");

            assertEquals(PushDelivery.Status.ACKNOWLEDGED, delivery.status());
            assertEquals(3, delivery.attempts().size());
            PushDelivery.Attempt first = delivery.attempts().get(0);
            assertEquals(0, first.httpStatus());
            assertTrue(first.millis() >= 290 && first.millis() < 1500, first.millis() + " ms");
            assertTrue(first.error().contains("300 ms"), first.error());
            assertEquals(200, delivery.lastAttempt().httpStatus());
            assertEquals("success", delivery.lastAttempt().reply());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(first.body(), server.received().get(i).body(), "try " + i + " repeats the push");
                assertEquals(first.url(), server.url("/push") + "?" + server.received().get(i).rawQuery());
            }
        }
    }

    @Test
    void aServerThatNeverAnswersInTimeGetsThreeTriesThenNoMore() {
        sim.pushTimeout(Duration.ofMillis(200));
        try (PushReceiver server = new PushReceiver(n -> PushReceiver.Answer.after(Duration.ofSeconds(2), "success"))) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, null, PushMode.PLAIN);
            long started = System.nanoTime();
            PushDelivery delivery = sim.scanQrTicket(ticket("never"), "li");
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertEquals(PushDelivery.Status.NO_ANSWER, delivery.status());
            assertEquals(PushSender.TRIES, delivery.attempts().size());
            assertTrue(millis < 1800, "the caller waited " + millis + " ms for three 200 ms tries");
            assertEquals(PushSender.TRIES, server.received().size());
        }
    }

    @Test
    void anUnreachableServerIsTriedThreeTimes() {
        sim.configureMessageServer(OA, "http://127.0.0.1:9/push", TOKEN, null, PushMode.PLAIN);
        PushDelivery delivery = sim.scanQrTicket(ticket("down"), "li");
        assertEquals(PushDelivery.Status.NO_ANSWER, delivery.status());
        assertEquals(3, delivery.attempts().size());
        assertTrue(delivery.attempts().stream().allMatch(a -> a.httpStatus() == 0 && a.error() != null));
        assertTrue(sim.follows(OA, "li"), "the person follows whatever became of the push");
    }

    @Test
    void anyAnswerInTimeEndsTheDelivery() {
        Object[][] cases = {
                {PushReceiver.Answer.reply(""), PushDelivery.Status.ACKNOWLEDGED},
                {PushReceiver.Answer.reply("success"), PushDelivery.Status.ACKNOWLEDGED},
                {PushReceiver.Answer.reply("<xml><MsgType><![CDATA[text]]></MsgType></xml>"), PushDelivery.Status.REPLIED},
                {PushReceiver.Answer.reply("SUCCESS"), PushDelivery.Status.REPLIED},
                {new PushReceiver.Answer(Duration.ZERO, 500, "oops"), PushDelivery.Status.HTTP_ERROR}};
        for (Object[] c : cases) {
            PushReceiver.Answer answer = (PushReceiver.Answer) c[0];
            try (PushReceiver server = new PushReceiver(n -> answer)) {
                sim.configureMessageServer(OA, server.url("/push"), TOKEN, null, PushMode.PLAIN);
                PushDelivery delivery = sim.scanQrTicket(ticket("any"), "li");
                assertEquals(c[1], delivery.status(), answer.toString());
                assertEquals(1, delivery.attempts().size(), answer.toString());
                assertEquals(answer.body(), delivery.lastAttempt().reply());
            }
        }
    }

    @Test
    void aRecordedPushCanBeReplayedByteForByte() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, KEY, PushMode.COMPATIBLE);
            PushDelivery.Attempt sent = sim.scanQrTicket(ticket("replay"), "li").lastAttempt();
            HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sent.url()))
                    .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(sent.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, again.statusCode());
            assertArrayEquals(server.received().get(0).body(), server.received().get(1).body());
            assertEquals(server.received().get(0).rawQuery(), server.received().get(1).rawQuery());
            WeChatPushMessage message = WeChatPushMessage.of(WeChatPushXml.parse(sent.body()));
            assertEquals(message.deliveryKey(), WeChatPushMessage.of(WeChatPushXml.parse(server.received().get(1).body())).deliveryKey(),
                    "a replay is the same delivery: FromUserName and CreateTime");
        }
    }

    @Test
    void createTimeFollowsTheSimulatorsClock() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, null, PushMode.PLAIN);
            String ticket = ticket("clock");
            long first = Long.parseLong(WeChatPushXml.parse(bodyOf(sim.scanQrTicket(ticket, "li"))).get("CreateTime"));
            sim.advanceClock(Duration.ofSeconds(200));
            long second = Long.parseLong(WeChatPushXml.parse(bodyOf(sim.scanQrTicket(ticket, "li"))).get("CreateTime"));
            assertTrue(second - first >= 200 && second - first <= 202, (second - first) + " s");
            sim.advanceClock(Duration.ofSeconds(100));
            assertThrows(IllegalStateException.class, () -> sim.scanQrTicket(ticket, "li"), "300 s: expired");
        }
    }

    @Test
    void aSceneWithACdataEndInsideArrivesIntact() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, null, PushMode.PLAIN);
            String ticket = json(http.qrcodeCreate(http.appAccessToken(OA, SECRET),
                    "{\"expire_seconds\":60,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"a]]>b<c\"}}}"))
                    .get("ticket").asText();
            sim.scanQrTicket(ticket, "li");
            assertEquals("a]]>b<c", WeChatPushMessage.of(WeChatPushXml.parse(server.received().get(0).body())).loginScene());
        }
    }

    @Test
    void aNumericSceneIsPushedInDecimal() throws Exception {
        try (PushReceiver server = PushReceiver.acknowledging()) {
            sim.configureMessageServer(OA, server.url("/push"), TOKEN, null, PushMode.PLAIN);
            String ticket = json(http.qrcodeCreate(http.appAccessToken(OA, SECRET),
                    "{\"expire_seconds\":60,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":123}}}")).get("ticket").asText();
            sim.scanQrTicket(ticket, "li");
            assertEquals("qrscene_123", WeChatPushXml.parse(server.received().get(0).body()).get("EventKey"));
            assertEquals(123, json(http.subscriberInfo(http.appAccessToken(OA, SECRET), sim.openid("li", OA))).get("qr_scene").asLong());
        }
    }

    @Test
    void withoutAMessageServerTheScanStillFollows() {
        sim.addOfficialAccount("wxoa00000000081", SECRET, "mp.example.com");
        String ticket = http.loginQrCode(http.appAccessToken("wxoa00000000081", SECRET), "s", 60).get("ticket").asText();
        PushDelivery delivery = sim.scanQrTicket(ticket, "li");
        assertEquals(PushDelivery.Status.NOT_CONFIGURED, delivery.status());
        assertTrue(delivery.attempts().isEmpty());
        assertNull(delivery.lastAttempt());
        assertTrue(sim.follows("wxoa00000000081", "li"));
    }

    @Test
    void theMessageServerConfigurationIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> sim.configureMessageServer(OA, "ftp://x/push", TOKEN, null, PushMode.PLAIN));
        assertThrows(IllegalArgumentException.class, () -> sim.configureMessageServer(OA, "not a url", TOKEN, null, PushMode.PLAIN));
        assertThrows(IllegalArgumentException.class, () -> sim.configureMessageServer(OA, "http://x/push", "ab", null, PushMode.PLAIN));
        assertThrows(IllegalArgumentException.class, () -> sim.configureMessageServer(OA, "http://x/push", "tok-en", null, PushMode.PLAIN));
        assertThrows(IllegalArgumentException.class, () -> sim.configureMessageServer(OA, "http://x/push", TOKEN, null, PushMode.SAFE));
        assertThrows(IllegalArgumentException.class, () -> sim.configureMessageServer(OA, "http://x/push", TOKEN, KEY + "A", PushMode.SAFE));
        sim.addMiniProgram("wxmini000000082", SECRET);
        assertThrows(IllegalArgumentException.class,
                () -> sim.configureMessageServer("wxmini000000082", "http://x/push", TOKEN, null, PushMode.PLAIN));
        assertThrows(IllegalArgumentException.class, () -> sim.pushTimeout(Duration.ZERO));
    }

    @Test
    void theOriginalIdIsGhAndTwelveHexDigitsStablePerAccount() {
        assertTrue(sim.originalId(OA).matches("gh_[0-9a-f]{12}"), sim.originalId(OA));
        assertEquals(sim.originalId(OA), sim.originalId(OA));
        sim.addOfficialAccount("wxoa00000000083", SECRET, "mp.example.com");
        assertFalse(sim.originalId(OA).equals(sim.originalId("wxoa00000000083")));
    }

    private static byte[] bodyOf(PushDelivery delivery) {
        return delivery.lastAttempt().body();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<byte[]> r) {
        return SimHttp.json(r);
    }
}

package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.OfficialAccountQrTickets;
import io.github.keycloakwechat.simulator.PushDelivery;
import io.github.keycloakwechat.simulator.PushMode;
import org.junit.jupiter.api.Test;

/**
 * The Official Account's message endpoint ({@code /broker/ALIAS/endpoint/messages}) as WeChat and as an attacker
 * reach it: WeChat's URL check, the simulator's signed pushes in plain and safe mode, and forged, stale, replayed,
 * oversized and XXE requests. Every refusal is a clear HTTP answer and an event; nothing is created.
 */
class OfficialAccountMessagesIT extends WeChatScenario {

    private static final String WEBSITE = "wx6a7b8c9d0e1f2a3b";
    private static final String OA = "wx7b8c9d0e1f2a3b4c";
    private static final String SECRET = "oa-messages-secret";
    private static final String TOKEN = "PushToken2026";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected String realmPrefix() {
        return "oa-messages";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(WEBSITE, SECRET, "localhost");
        sim.addOfficialAccount(OA, SECRET, "localhost");
        Map<String, String> officialAccount = Map.of("officialAccountAppId", OA, "officialAccountAppSecret", SECRET,
                "officialAccountToken", TOKEN);
        realm.addWeChat("wechat", WEBSITE, SECRET, officialAccount);
        Map<String, String> safe = new java.util.HashMap<>(officialAccount);
        safe.put("officialAccountEncodingAesKey", AES_KEY);
        realm.addWeChat("wechat-safe", WEBSITE, SECRET, safe);
        realm.addWeChat("wechat-no-token", WEBSITE, SECRET, Map.of());
    }

    @Override
    protected void simulatorSwitches() {
        sim.pushTimeout(Duration.ofSeconds(5));
    }

    @Test
    void wechatsUrlCheckGetsTheEchoBackAndAWrongSignatureGetsNothing() throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String query = "timestamp=" + timestamp + "&nonce=123456&echostr=7342598731985617";

        HttpResponse<String> check = get(endpoint("wechat") + "?signature=" + sign(TOKEN, timestamp, "123456") + "&" + query);
        assertEquals(200, check.statusCode());
        assertEquals("7342598731985617", check.body(), "the echostr verbatim");

        realm.admin().clearEvents(realm.name());
        HttpResponse<String> forged = get(endpoint("wechat") + "?signature=" + sign("guessed", timestamp, "123456") + "&" + query);
        assertEquals(401, forged.statusCode());
        assertTrue(!forged.body().contains("7342598731985617"), forged.body());
        assertRefusalEvent("message_signature_invalid");
    }

    @Test
    void aPlainModeScanPushIsAnsweredSuccessAndAScanOfNoLoginPageChangesNothing() throws Exception {
        sim.addPerson("oa-plain", "关注者", null);
        sim.configureMessageServer(OA, endpoint("wechat"), TOKEN, null, PushMode.PLAIN);
        int users = realm.userCount();

        PushDelivery delivery = sim.scanQrTicket(ticket("unknownSceneOfNoLoginPage0000000"), "oa-plain");

        assertEquals(PushDelivery.Status.ACKNOWLEDGED, delivery.status(), String.valueOf(delivery.lastAttempt()));
        assertEquals("success", delivery.lastAttempt().reply());
        assertEquals(1, delivery.attempts().size(), "answered within WeChat's 5 seconds: no retry");
        assertEquals(users, realm.userCount());
    }

    @Test
    void aSafeModePushIsDecryptedAndOneWithAForgedMessageSignatureIsRefused() throws Exception {
        sim.addPerson("oa-safe", "安全模式", null);
        sim.configureMessageServer(OA, endpoint("wechat-safe"), TOKEN, AES_KEY, PushMode.SAFE);

        PushDelivery delivery = sim.scanQrTicket(ticket("safeModeScene"), "oa-safe");
        assertEquals(PushDelivery.Status.ACKNOWLEDGED, delivery.status(), String.valueOf(delivery.lastAttempt()));

        // The same envelope under a fresh, correctly signed query, but a msg_signature that does not match it.
        String body = delivery.lastAttempt().bodyText();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = "safe" + System.nanoTime();
        realm.admin().clearEvents(realm.name());
        HttpResponse<String> forged = post(endpoint("wechat-safe") + "?signature=" + sign(TOKEN, timestamp, nonce)
                + "&timestamp=" + timestamp + "&nonce=" + nonce + "&encrypt_type=aes&msg_signature=" + "0".repeat(40), body);
        assertEquals(401, forged.statusCode(), forged.body());
        assertRefusalEvent("message_signature_invalid");
    }

    @Test
    void aSafeModePushToAProviderWithoutTheKeyIsAcknowledgedAndTheAdminIsTold() throws Exception {
        sim.addPerson("oa-nokey", "没有密钥", null);
        sim.configureMessageServer(OA, endpoint("wechat"), TOKEN, AES_KEY, PushMode.SAFE);
        realm.admin().clearEvents(realm.name());

        PushDelivery delivery = sim.scanQrTicket(ticket("noKeyScene"), "oa-nokey");

        assertEquals(PushDelivery.Status.ACKNOWLEDGED, delivery.status(), "a retry would not make it readable");
        assertRefusalEvent("message_encrypted_without_key");
        assertTrue(keycloak.serverLog().contains("a safe-mode push arrived and no EncodingAESKey is configured"));
    }

    @Test
    void aPushWithAForgedSignatureOrAnOldTimestampIsRefused() throws Exception {
        String body = scanXml("oForgedOpenid00000000000000", "SCAN", "someScene");
        String now = String.valueOf(Instant.now().getEpochSecond());

        realm.admin().clearEvents(realm.name());
        HttpResponse<String> forged = post(endpoint("wechat") + "?signature=" + sign("not-the-token", now, "1")
                + "&timestamp=" + now + "&nonce=1", body);
        assertEquals(401, forged.statusCode());
        assertRefusalEvent("message_signature_invalid");

        String hourAgo = String.valueOf(Instant.now().getEpochSecond() - 3600);
        realm.admin().clearEvents(realm.name());
        HttpResponse<String> stale = post(endpoint("wechat") + "?signature=" + sign(TOKEN, hourAgo, "2")
                + "&timestamp=" + hourAgo + "&nonce=2", body);
        assertEquals(401, stale.statusCode(), "a signed query from an hour ago is a replay");
        assertRefusalEvent("message_stale");
    }

    @Test
    void aReplayedPushIsAnsweredSuccessAndChangesNothingEvenWithAnotherBody() throws Exception {
        sim.addPerson("oa-replay", "重放", null);
        sim.configureMessageServer(OA, endpoint("wechat"), TOKEN, null, PushMode.PLAIN);
        PushDelivery.Attempt sent = sim.scanQrTicket(ticket("replayScene"), "oa-replay").lastAttempt();

        HttpResponse<String> again = post(sent.url(), sent.bodyText());
        assertEquals(200, again.statusCode());
        assertEquals("success", again.body());
        HttpResponse<String> otherBody = post(sent.url(), scanXml("oAttackerOpenid000000000000", "SCAN", "replayScene"));
        assertEquals("success", otherBody.body(), "the signed query was used: the new body is not read");
    }

    @Test
    void xmlWithADoctypeIsRefusedWithoutReadingAFileOrOpeningAConnection() throws Exception {
        Path secret = Files.createTempFile("oa-messages-xxe", ".txt");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
        try (ServerSocket listener = new ServerSocket(0)) {
            listener.setSoTimeout(500);
            String body = "<?xml version=\"1.0\"?>\n<!DOCTYPE xml [\n"
                    + "  <!ENTITY file SYSTEM \"" + secret.toUri() + "\">\n"
                    + "  <!ENTITY % remote SYSTEM \"" + keycloak.reachableFromServer("http://127.0.0.1:" + listener.getLocalPort()) + "/x.dtd\">\n"
                    + "  %remote;\n]>\n"
                    + "<xml><ToUserName>gh_1</ToUserName><FromUserName>&file;</FromUserName><CreateTime>1</CreateTime>"
                    + "<MsgType>event</MsgType><Event>SCAN</Event><EventKey>xxeScene</EventKey></xml>";
            realm.admin().clearEvents(realm.name());

            HttpResponse<String> refused = signedPost("wechat", body);

            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(!refused.body().contains("TOP-SECRET"), refused.body());
            assertTrue(!keycloak.serverLog().contains("TOP-SECRET"), "nothing of the file reached the log");
            assertRefusalEvent("message_xml_refused");
            try {
                listener.accept().close();
                throw new AssertionError("Keycloak connected to the entity's URL");
            } catch (SocketTimeoutException expected) {
                // nobody came: the DTD was never fetched
            }
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test
    void aBodyOverTheCapIsRefused() throws Exception {
        String padding = "x".repeat(70 * 1024);
        realm.admin().clearEvents(realm.name());

        HttpResponse<String> refused = signedPost("wechat", "<xml><Content>" + padding + "</Content></xml>");

        assertEquals(413, refused.statusCode());
        assertRefusalEvent("message_too_large");
    }

    @Test
    void aProviderWithoutATokenTakesNoPushes() throws Exception {
        HttpResponse<String> answer = signedPost("wechat-no-token", scanXml("oSomeone000000000000000000", "SCAN", "s"));
        assertEquals(404, answer.statusCode());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The message endpoint as WeChat (the simulator, on the test host) reaches Keycloak. */
    private String endpoint(String alias) {
        return keycloak.baseUrl() + "/realms/" + realm.name() + "/broker/" + alias + "/endpoint/messages";
    }

    private String ticket(String scene) throws Exception {
        return OfficialAccountQrTickets.issue(sim.baseUrl(), OA, SECRET, scene);
    }

    private static String scanXml(String openid, String event, String eventKey) {
        return "<xml><ToUserName><![CDATA[gh_000000000000]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event><EventKey><![CDATA["
                + eventKey + "]]></EventKey></xml>";
    }

    /** A POST with a correct, fresh plain-mode signature: what gets past the first check. */
    private HttpResponse<String> signedPost(String alias, String body) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = String.valueOf(System.nanoTime());
        return post(endpoint(alias) + "?signature=" + sign(TOKEN, timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce, body);
    }

    /** WeChat's signature (protocol §7.3), written here from the reference, not taken from the extension. */
    private static String sign(String... values) throws NoSuchAlgorithmException {
        String[] sorted = values.clone();
        Arrays.sort(sorted);
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private void assertRefusalEvent(String reason) {
        List<JsonNode> events = realm.admin().events(realm.name(), "IDENTITY_PROVIDER_LOGIN_ERROR");
        assertTrue(events.stream().anyMatch(e -> reason.equals(e.path("details").path("reason").asText())),
                "an IDENTITY_PROVIDER_LOGIN_ERROR event with reason " + reason + ": " + events);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String xml) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}

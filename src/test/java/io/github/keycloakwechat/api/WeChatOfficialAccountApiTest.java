package io.github.keycloakwechat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

/**
 * The Official Account's calls of the scan-to-follow sign-in (protocol §7.2, §7.4) on the wire: what the client
 * sends, and which answers it takes, served byte for byte by a local server.
 */
class WeChatOfficialAccountApiTest {

    private static final String TOKEN = "86_app-access-token-0123456789";
    private static final String OPENID = "oW5Ux6ceqP-b0C-72qHEWZYk8Cr8";
    private static final String TICKET = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==";

    private static final CloseableHttpClient http = HttpClients.createDefault();

    @AfterAll
    static void close() throws IOException {
        http.close();
    }

    @Test
    void theQrCodeIsAJsonPostWithTheSceneNestedAndTheTokenInTheQuery() throws Exception {
        String answer = "{\"ticket\":\"" + TICKET + "\",\"expire_seconds\":600,\"url\":\"http:\\/\\/weixin.qq.com\\/q\\/kZgfwMTm72WWPkovabbI\"}";
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", bytes(answer))) {
            WeChatQrTicket qr = client(wechat).loginQrCode(TOKEN, "login_7f3a9c", 600);
            assertEquals(new WeChatQrTicket(TICKET, 600, "http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI"), qr);

            FixedAnswerServer.Received request = wechat.received().get(0);
            assertEquals("POST", request.method());
            assertEquals("/cgi-bin/qrcode/create", request.path());
            assertEquals("access_token=" + TOKEN, request.rawQuery());
            assertEquals("{\"expire_seconds\":600,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"login_7f3a9c\"}}}",
                    request.body());
        }
    }

    @Test
    void aQrAnswerWithoutUrlIsTakenButNotOneWithoutAUsableTicketOrLifetime() throws Exception {
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", bytes("{\"ticket\":\"T+/=\",\"expire_seconds\":60}"))) {
            assertEquals(new WeChatQrTicket("T+/=", 60, null), client(wechat).loginQrCode(TOKEN, "s", 60));
        }
        String[] unusable = {
                "{\"expire_seconds\":60}",
                "{\"ticket\":\"\",\"expire_seconds\":60}",
                "{\"ticket\":\"   \",\"expire_seconds\":60}",
                "{\"ticket\":\"a b\",\"expire_seconds\":60}",
                "{\"ticket\":\"" + "A".repeat(513) + "\",\"expire_seconds\":60}",
                "{\"ticket\":\"<script>\\n\",\"expire_seconds\":60}",
                "{\"ticket\":12345,\"expire_seconds\":60}",
                "{\"ticket\":\"T\"}",
                "{\"ticket\":\"T\",\"expire_seconds\":0}",
                "{\"ticket\":\"T\",\"expire_seconds\":-5}",
                "{\"ticket\":\"T\",\"expire_seconds\":60,\"url\":7}"};
        for (String body : unusable) {
            try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", bytes(body))) {
                WeChatApiException e = assertThrows(WeChatApiException.class, () -> client(wechat).loginQrCode(TOKEN, "s", 60), body);
                assertEquals(WeChatApiException.Kind.BAD_RESPONSE, e.kind(), body);
                assertEquals(WeChatEndpoint.QRCODE_CREATE, e.endpoint());
                assertFalse(e.getMessage().contains("<script>"), "the value stays out of the message");
            }
        }
    }

    @Test
    void aQrErrcodeIsAWeChatErrorAndTheTokenStaysOutOfTheMessage() {
        String body = "{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest: " + TOKEN
                + ", rid: 623ea70a-74b9b592-3e3d489a\"}";
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", bytes(body))) {
            WeChatApiException e = assertThrows(WeChatApiException.class, () -> client(wechat).loginQrCode(TOKEN, "s", 60));
            assertEquals(WeChatApiException.Kind.WECHAT_ERROR, e.kind());
            assertEquals(40001, e.errcode());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        }
    }

    @Test
    void theSubscriberIsAGetWithTokenOpenidAndLanguage() throws Exception {
        String answer = "{\"subscribe\":1,\"openid\":\"" + OPENID + "\",\"nickname\":\"\",\"sex\":0,\"language\":\"zh_CN\",\"city\":\"\","
                + "\"province\":\"\",\"country\":\"\",\"headimgurl\":\"\",\"subscribe_time\":1668250560,"
                + "\"unionid\":\"oAndb6RVxCR1jvfjNQiK88kS8Bxo\",\"remark\":\"\",\"groupid\":0,\"tagid_list\":[],"
                + "\"subscribe_scene\":\"ADD_SCENE_QR_CODE\",\"qr_scene\":0,\"qr_scene_str\":\"login_7f3a9c\"}";
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("application/json; encoding=utf-8", bytes(answer))) {
            WeChatSubscriber subscriber = client(wechat).subscriber(TOKEN, OPENID);
            assertEquals(new WeChatSubscriber(true, OPENID, "oAndb6RVxCR1jvfjNQiK88kS8Bxo"), subscriber);

            FixedAnswerServer.Received request = wechat.received().get(0);
            assertEquals("GET", request.method());
            assertEquals("/cgi-bin/user/info", request.path());
            assertEquals("access_token=" + TOKEN + "&openid=" + OPENID + "&lang=zh_CN", request.rawQuery());
        }
    }

    @Test
    void someoneWhoUnfollowedGetsTheShortBody() throws Exception {
        String answer = "{\"subscribe\":0,\"openid\":\"" + OPENID + "\",\"tagid_list\":[]}";
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", bytes(answer))) {
            WeChatSubscriber subscriber = client(wechat).subscriber(TOKEN, OPENID);
            assertFalse(subscriber.subscribed());
            assertEquals(OPENID, subscriber.openid());
            assertNull(subscriber.unionid());
        }
    }

    @Test
    void aSubscriberAnswerThatCannotBeTrustedIsABadResponse() {
        String[] unusable = {
                "{\"openid\":\"" + OPENID + "\"}",
                "{\"subscribe\":\"1\",\"openid\":\"" + OPENID + "\"}",
                "{\"subscribe\":2,\"openid\":\"" + OPENID + "\"}",
                "{\"subscribe\":1}",
                "{\"subscribe\":1,\"openid\":\"oSomeoneElse_0123456789abcdef\"}",
                "{\"subscribe\":1,\"openid\":\"" + OPENID + "\",\"unionid\":\"o\\/..\\/admin\"}"};
        for (String body : unusable) {
            try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", bytes(body))) {
                WeChatApiException e = assertThrows(WeChatApiException.class, () -> client(wechat).subscriber(TOKEN, OPENID), body);
                assertEquals(WeChatApiException.Kind.BAD_RESPONSE, e.kind(), body + ": " + e.getMessage());
                assertEquals(WeChatEndpoint.SUBSCRIBER_INFO, e.endpoint());
            }
        }
    }

    @Test
    void anUnknownOpenidIs40003() {
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain",
                bytes("{\"errcode\":40003,\"errmsg\":\"invalid openid, rid: 623ea70a-74b9b592-3e3d489a\"}"))) {
            WeChatApiException e = assertThrows(WeChatApiException.class, () -> client(wechat).subscriber(TOKEN, "oNobody"));
            assertEquals(40003, e.errcode());
            assertEquals(WeChatEndpoint.SUBSCRIBER_INFO, e.endpoint());
            assertTrue(e.getMessage().contains("invalid openid"), e.getMessage());
        }
    }

    @Test
    void theBodyWeSendIsValidJsonWhateverTheScene() throws Exception {
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", bytes("{\"ticket\":\"T\",\"expire_seconds\":60}"))) {
            client(wechat).loginQrCode(TOKEN, "a\"b\\c", 60);
            JsonNode sent = JsonSerialization.mapper.readTree(wechat.received().get(0).body());
            assertEquals("a\"b\\c", sent.at("/action_info/scene/scene_str").asText());
        }
    }

    @Test
    void againstTheSimulatorTheCodeItsImageTheScanAndTheSubscriber() throws Exception {
        try (io.github.keycloakwechat.simulator.WeChatSimulator sim = io.github.keycloakwechat.simulator.WeChatSimulator.start(0)) {
            sim.addOfficialAccount("wxoa00000000060", "oa-secret-60", "mp.example.com");
            sim.addPerson("wu", "吴", null);
            WeChatApiClient client = new WeChatApiClient(http, JsonSerialization.mapper, sim.baseUrl(), Duration.ofSeconds(5));
            String token = client.stableToken("wxoa00000000060", "oa-secret-60", false).token();

            WeChatQrTicket qr = client.loginQrCode(token, "login_e2e", 120);
            assertEquals(120, qr.expireSeconds());
            assertTrue(qr.url().startsWith("http://weixin.qq.com/q/"), qr.url());
            java.net.http.HttpResponse<byte[]> image = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(WeChatAuthorizationUrls.qrCodeImage(sim.baseUrl(), qr.ticket()))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, image.statusCode());
            assertEquals("image/png", image.headers().firstValue("Content-Type").orElse(""));

            String openid = sim.openid("wu", "wxoa00000000060");
            assertFalse(client.subscriber(token, openid).subscribed());
            sim.scanQrTicket(qr.ticket(), "wu");
            assertEquals(new WeChatSubscriber(true, openid, sim.unionid("wu")), client.subscriber(token, openid));
            WeChatApiException e = assertThrows(WeChatApiException.class, () -> client.subscriber(token, "oNobody0123456789abcdefghijk"));
            assertEquals(40003, e.errcode());
        }
    }

    private static WeChatApiClient client(FixedAnswerServer wechat) {
        return new WeChatApiClient(http, JsonSerialization.mapper, wechat.baseUrl(), Duration.ofSeconds(2));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

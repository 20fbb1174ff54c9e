package io.github.keycloakwechat.simulator;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.enc;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.keys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * An Official Account's parametric QR codes and what it may learn of who scanned one (§7.2, §7.4):
 * {@code qrcode/create}, the image at {@code showqrcode}, and {@code user/info} for followers and others.
 */
class OfficialAccountQrCodeTest extends SimFixture {

    static final String OA = "wxoa00000000090";
    static final String SECRET = "oa-secret-90";
    static final String UNBOUND_OA = "wxoa00000000091";
    static final String MINI = "wxmini000000092";

    @Override
    void addAppsAndPeople() {
        sim.addOfficialAccount(OA, SECRET, "mp.example.com");
        sim.addOfficialAccount(UNBOUND_OA, SECRET, "mp.example.com").unbound();
        sim.addMiniProgram(MINI, SECRET);
        sim.addPerson("mei", "梅", null);
        sim.addPerson("tom", "Tom", null);
    }

    private String token() {
        return http.appAccessToken(OA, SECRET);
    }

    @Test
    void aTemporaryCodeAnswersTicketLifetimeAndUrlWithoutErrcode() {
        HttpResponse<byte[]> r = http.qrcodeCreate(token(),
                "{\"expire_seconds\":600,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"login_7f3a9c\"}}}");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain", contentType(r));
        JsonNode body = json(r);
        assertEquals(List.of("ticket", "expire_seconds", "url"), keys(body));
        assertEquals(600, body.get("expire_seconds").asLong());
        assertTrue(body.get("ticket").asText().matches("[A-Za-z0-9+/]+={0,2}"), body.toString());
        assertTrue(body.get("url").asText().matches("http://weixin\\.qq\\.com/q/[A-Za-z0-9]{20}"), body.toString());
        assertTrue(SimHttp.text(r).contains("\"http:\\/\\/weixin.qq.com\\/q\\/"), "slashes escaped as WeChat does");
    }

    @Test
    void ticketsAreUniqueAndBase64WithPlusSlashAndEqualsAmongThem() {
        String token = token();
        Set<String> tickets = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            tickets.add(http.loginQrCode(token, "same-scene", 60).get("ticket").asText());
        }
        assertEquals(60, tickets.size(), "a new ticket on every call, even for the same scene");
        assertTrue(tickets.stream().anyMatch(t -> t.contains("+") || t.contains("/")), "some with + or /");
        assertTrue(tickets.stream().anyMatch(t -> t.endsWith("=")), "some padded");
    }

    @Test
    void theLifetimeDefaultsTo60SecondsAndIsCutAt30Days() {
        String token = token();
        JsonNode noLifetime = json(http.qrcodeCreate(token, "{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"a\"}}}"));
        assertEquals(QrCodeApi.DEFAULT_EXPIRE_SECONDS, noLifetime.get("expire_seconds").asLong());
        JsonNode tooLong = json(http.qrcodeCreate(token, "{\"expire_seconds\":9999999,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"a\"}}}"));
        assertEquals(2592000, tooLong.get("expire_seconds").asLong());
    }

    @Test
    void numericAndPermanentCodes() {
        String token = token();
        JsonNode numeric = json(http.qrcodeCreate(token, "{\"expire_seconds\":60,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":4294967295}}}"));
        assertTrue(numeric.has("ticket"), numeric.toString());
        JsonNode permanent = json(http.qrcodeCreate(token, "{\"action_name\":\"QR_LIMIT_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"shop\"}}}"));
        assertEquals(List.of("ticket", "url"), keys(permanent), "a permanent code has no lifetime");
        sim.advanceClock(Duration.ofDays(400));
        assertEquals(200, http.getBytes("/cgi-bin/showqrcode?ticket=" + enc(permanent.get("ticket").asText())).statusCode());
    }

    @Test
    void aSceneIdOutsideTheScenePathMakesACodeOfScene0AsReported() {
        // §7.2: scene_id directly under action_info comes back in the events as 0.
        String ticket = json(http.qrcodeCreate(token(), "{\"expire_seconds\":60,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene_id\":7}}"))
                .get("ticket").asText();
        PushDelivery push = sim.scanQrTicket(ticket, "mei");
        assertEquals(PushDelivery.Status.NOT_CONFIGURED, push.status());
        JsonNode info = json(http.subscriberInfo(token(), sim.openid("mei", OA)));
        assertEquals(0, info.get("qr_scene").asLong());
        assertEquals("", info.get("qr_scene_str").asText());
    }

    @Test
    void badRequestsGetWeChatsErrcodes() {
        String token = token();
        assertErrcode(40052, "invalid action name", http.qrcodeCreate(token, "{\"action_name\":\"QR_CODE\",\"action_info\":{\"scene\":{\"scene_str\":\"a\"}}}"));
        assertErrcode(40052, "invalid action name", http.qrcodeCreate(token, "{\"expire_seconds\":60}"));
        String[] badScenes = {
                "{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"" + "x".repeat(65) + "\"}}}",
                "{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"\"}}}",
                "{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":5}}}",
                "{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":0}}}",
                "{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":4294967296}}}",
                "{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":100001}}}",
                "{\"expire_seconds\":0,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"a\"}}}",
                "{\"expire_seconds\":\"soon\",\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"a\"}}}"};
        for (String body : badScenes) {
            assertErrcode(40053, "invalid action info, please check document", http.qrcodeCreate(token, body));
        }
        assertErrcode(47001, "data format error", http.post("/cgi-bin/qrcode/create?access_token=" + enc(token), SimHttp.form("action_name", "QR_SCENE")));
        assertErrcode(43002, "require POST method", http.getBytes("/cgi-bin/qrcode/create?access_token=" + enc(token)));
    }

    @Test
    void onlyALiveTokenOfAnOfficialAccountMayCreateCodes() {
        String body = "{\"expire_seconds\":60,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"a\"}}}";
        assertErrcode(41001, "access_token missing", http.postJson("/cgi-bin/qrcode/create", body));
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest", http.qrcodeCreate("86_not-a-token", body));
        assertErrcode(48001, "api unauthorized", http.qrcodeCreate(http.appAccessToken(MINI, SECRET), body));
        String token = token();
        sim.invalidateAppAccessTokens(OA);
        assertErrcode(40001, "invalid credential, access_token is invalid or not latest", http.qrcodeCreate(token, body));
        String fresh = token();
        sim.advanceClock(Duration.ofSeconds(7201));
        assertErrcode(42001, "access_token expired", http.qrcodeCreate(fresh, body));
    }

    @Test
    void theImageIsAPngOfItsOwnUntilTheCodeExpires() throws Exception {
        String token = token();
        String ticket = http.loginQrCode(token, "img", 60).get("ticket").asText();
        HttpResponse<byte[]> image = http.getBytes("/cgi-bin/showqrcode?ticket=" + enc(ticket));
        assertEquals(200, image.statusCode());
        assertEquals("image/png", contentType(image));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertEquals(png.getWidth(), png.getHeight());
        assertTrue(png.getWidth() >= 150, "big enough to show: " + png.getWidth());

        String other = http.loginQrCode(token, "img", 60).get("ticket").asText();
        assertFalse(java.util.Arrays.equals(image.body(), http.getBytes("/cgi-bin/showqrcode?ticket=" + enc(other)).body()),
                "each ticket its own pattern");
        assertArrayEquals(image.body(), http.getBytes("/cgi-bin/showqrcode?ticket=" + enc(ticket)).body(), "the same ticket the same image");

        sim.advanceClock(Duration.ofSeconds(61));
        assertEquals(404, http.getBytes("/cgi-bin/showqrcode?ticket=" + enc(ticket)).statusCode(), "expired [UNCONFIRMED]");
        assertEquals(404, http.getBytes("/cgi-bin/showqrcode?ticket=unknown").statusCode());
        assertEquals(404, http.getBytes("/cgi-bin/showqrcode").statusCode());
    }

    @Test
    void aTicketNotUrlEncodedIsNotFound() {
        String token = token();
        String ticket;
        do {
            ticket = http.loginQrCode(token, "enc", 60).get("ticket").asText();
        } while (!ticket.contains("+"));
        // A raw '+' is read as a space, as any server reads a query: the client must encode the ticket.
        assertEquals(404, http.getBytes("/cgi-bin/showqrcode?ticket=" + ticket).statusCode());
        assertEquals(200, http.getBytes("/cgi-bin/showqrcode?ticket=" + enc(ticket)).statusCode());
    }

    @Test
    void theImageAndTheApiHaveTheirFaultSwitchesAndCounters() {
        String token = token();
        String ticket = http.loginQrCode(token, "f", 60).get("ticket").asText();
        sim.faults().once(SimEndpoint.SHOW_QRCODE, Fault.httpStatus(502))
                .once(SimEndpoint.QRCODE_CREATE, Fault.errcode(45009))
                .once(SimEndpoint.USER_INFO, Fault.malformedJson());
        assertEquals(502, http.getBytes("/cgi-bin/showqrcode?ticket=" + enc(ticket)).statusCode());
        assertErrcode(45009, "reach max api daily quota limit", http.qrcodeCreate(token, "{}"));
        assertThrows(AssertionError.class, () -> json(http.subscriberInfo(token, sim.openid("mei", OA))));
        assertEquals(2, sim.calls(SimEndpoint.QRCODE_CREATE));
        assertEquals(1, sim.calls(SimEndpoint.SHOW_QRCODE));
        assertEquals(1, sim.calls(SimEndpoint.USER_INFO));
        assertEquals(2 + 1 + 1, sim.apiCalls(), "stable_token, qrcode/create twice and user/info; the image is the browser's");
    }

    @Test
    void aFollowerWhoCameByTheCodeHasTheFullShapeWithBlankProfile() {
        String token = token();
        String ticket = http.loginQrCode(token, "login_7f3a9c", 60).get("ticket").asText();
        long before = System.currentTimeMillis() / 1000;
        sim.scanQrTicket(ticket, "mei");
        JsonNode info = json(http.subscriberInfo(token, sim.openid("mei", OA)));
        assertEquals(List.of("subscribe", "openid", "nickname", "sex", "language", "city", "province", "country", "headimgurl",
                "subscribe_time", "unionid", "remark", "groupid", "tagid_list", "subscribe_scene", "qr_scene", "qr_scene_str"), keys(info));
        assertEquals(1, info.get("subscribe").asInt());
        assertEquals(sim.openid("mei", OA), info.get("openid").asText());
        assertEquals(sim.unionid("mei"), info.get("unionid").asText());
        assertEquals("", info.get("nickname").asText(), "no nickname since 2021-12-27");
        assertEquals("", info.get("headimgurl").asText());
        assertTrue(info.get("subscribe_time").asLong() >= before, info.toString());
        assertEquals("ADD_SCENE_QR_CODE", info.get("subscribe_scene").asText());
        assertEquals("login_7f3a9c", info.get("qr_scene_str").asText());
        assertEquals(0, info.get("qr_scene").asInt());
    }

    @Test
    void anUnboundAccountGetsNoUnionid() {
        sim.follow(UNBOUND_OA, "mei");
        JsonNode info = json(http.subscriberInfo(http.appAccessToken(UNBOUND_OA, SECRET), sim.openid("mei", UNBOUND_OA)));
        assertEquals(1, info.get("subscribe").asInt());
        assertFalse(info.has("unionid"), info.toString());
        assertEquals(Followers.OTHER_SCENE, info.get("subscribe_scene").asText());
    }

    @Test
    void someoneWhoDoesNotFollowGetsThreeFields() {
        String token = token();
        sim.follow(OA, "tom");
        sim.unfollow(OA, "tom");
        JsonNode info = json(http.subscriberInfo(token, sim.openid("tom", OA)));
        assertEquals(List.of("subscribe", "openid", "tagid_list"), keys(info));
        assertEquals(0, info.get("subscribe").asInt());
    }

    @Test
    void anOpenidOfAnotherAppOrNobodyIs40003() {
        String token = token();
        assertErrcode(40003, "invalid openid", http.subscriberInfo(token, sim.openid("mei", UNBOUND_OA)));
        assertErrcode(40003, "invalid openid", http.subscriberInfo(token, "oNobody0123456789abcdefghijk"));
        assertErrcode(41009, "missing openid", http.getBytes("/cgi-bin/user/info?access_token=" + enc(token)));
        assertErrcode(48001, "api unauthorized", http.subscriberInfo(http.appAccessToken(MINI, SECRET), sim.openid("mei", OA)));
    }

    @Test
    void followersAreKeptPerAccountAndForgottenOnReset() {
        assertFalse(sim.follows(OA, "mei"));
        sim.follow(OA, "mei");
        assertTrue(sim.follows(OA, "mei"));
        assertFalse(sim.follows(UNBOUND_OA, "mei"));
        sim.reset();
        assertFalse(sim.follows(OA, "mei"));
        assertThrows(IllegalArgumentException.class, () -> sim.follow(MINI, "mei"), "only an Official Account has followers");
        assertThrows(IllegalArgumentException.class, () -> sim.follow(OA, "nobody"));
    }

    @Test
    void anExpiredOrUnknownTicketCannotBeScanned() {
        String ticket = http.loginQrCode(token(), "late", 60).get("ticket").asText();
        sim.advanceClock(Duration.ofSeconds(60));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.scanQrTicket(ticket, "mei"));
        assertTrue(e.getMessage().contains("unknown or expired"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> sim.scanQrTicket("nope", "mei"));
        assertFalse(sim.follows(OA, "mei"), "nobody followed");
        assertTrue(sim.pushes().isEmpty());
        assertNotEquals(0, sim.calls(SimEndpoint.QRCODE_CREATE));
    }
}

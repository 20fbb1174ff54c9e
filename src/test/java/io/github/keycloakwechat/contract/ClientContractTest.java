package io.github.keycloakwechat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.api.FixedAnswerServer;
import io.github.keycloakwechat.api.WeChatAccessToken;
import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.api.WeChatAppAccessToken;
import io.github.keycloakwechat.api.WeChatEndpoint;
import io.github.keycloakwechat.api.WeChatMiniProgramSession;
import io.github.keycloakwechat.api.WeChatPhoneNumber;
import io.github.keycloakwechat.api.WeChatQrTicket;
import io.github.keycloakwechat.api.WeChatSubscriber;
import io.github.keycloakwechat.api.WeChatUserInfo;
import io.github.keycloakwechat.broker.failure.WeChatLoginFailure;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.util.JsonSerialization;

/**
 * Our client against WeChat's published answers (src/test/resources/wechat-contract/): every body, served byte for
 * byte under every Content-Type WeChat has been seen to send, is read into the right fields or the right errcode.
 */
class ClientContractTest {

    private static CloseableHttpClient http;

    @BeforeAll
    static void client() {
        http = HttpClients.createDefault();
    }

    @AfterAll
    static void close() throws IOException {
        http.close();
    }

    @Test
    void theIndexGivesEveryFixtureItsEndpointAndSource() {
        List<ContractFixtures.Fixture> fixtures = ContractFixtures.all();
        assertEquals(ContractFixtures.filesOnDisk(), fixtures.stream().map(ContractFixtures.Fixture::file).sorted().toList(),
                "every file is listed in manifest.json, and every listed file exists");
        List<String> ours = Arrays.stream(WeChatEndpoint.values()).map(WeChatEndpoint::path).toList();
        List<String> simulated = Arrays.stream(io.github.keycloakwechat.simulator.SimEndpoint.values())
                .map(io.github.keycloakwechat.simulator.SimEndpoint::path).toList();
        for (ContractFixtures.Fixture f : fixtures) {
            assertTrue(ours.contains(f.endpoint()) || simulated.contains(f.endpoint()),
                    f + ": an endpoint our client calls or the simulator answers");
            assertTrue(f.source().matches("https://\\S+|[\\w.-]+/[\\w.-]+@[0-9a-f]{40}:\\S+"),
                    f + ": a doc page URL or repo@commit:path, not " + f.source());
            assertTrue(List.of("unionid", "no-unionid", "snapshot", "error").contains(f.variant()), f.toString());
        }
        for (String endpoint : ours) {
            assertTrue(fixtures.stream().anyMatch(f -> f.endpoint().equals(endpoint) && !f.isError()),
                    "a published success body for " + endpoint);
        }
        for (ContractFixtures.ContentType type : ContractFixtures.contentTypes()) {
            assertTrue(type.source().startsWith("https://"), type + " has a source");
        }
    }

    @Test
    void theErrmsgShapesWeKnowAreAllThere() {
        List<String> errmsgs = ContractFixtures.all().stream().filter(ContractFixtures.Fixture::isError)
                .map(f -> f.json().path("errmsg").asText()).toList();
        assertTrue(errmsgs.contains("invalid code"), "plain: " + errmsgs);
        assertTrue(errmsgs.stream().anyMatch(m -> m.matches(".+, hints: \\[ req_id: \\S+ ]")), "hints/req_id: " + errmsgs);
        assertTrue(errmsgs.stream().anyMatch(m -> m.matches(".+, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}")), "', rid:': " + errmsgs);
        assertTrue(errmsgs.stream().anyMatch(m -> m.matches(".+[^,] rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}")), "' rid:' without a comma: " + errmsgs);
    }

    /** The endpoints our client calls. */
    private static final java.util.Set<String> CALLED = java.util.Arrays.stream(WeChatEndpoint.values())
            .map(WeChatEndpoint::path).collect(java.util.stream.Collectors.toSet());
    /** The endpoints of the browser sign-in, whose errors the person reads as a {@link WeChatLoginFailure}. */
    private static final java.util.Set<String> BROWSER =
            java.util.Set.of(WeChatEndpoint.ACCESS_TOKEN.path(), WeChatEndpoint.USERINFO.path());

    static Stream<Arguments> everyFixtureUnderEveryContentType() {
        List<Arguments> cases = new ArrayList<>();
        for (ContractFixtures.Fixture fixture : ContractFixtures.all()) {
            if (!CALLED.contains(fixture.endpoint())) {
                continue; // e.g. /sns/oauth2/refresh_token: checked against the simulator only, our client never calls it
            }
            for (ContractFixtures.ContentType type : ContractFixtures.contentTypes()) {
                cases.add(arguments(fixture, type));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyFixtureUnderEveryContentType")
    void ourClientReadsWhatWeChatPublishes(ContractFixtures.Fixture fixture, ContractFixtures.ContentType type) {
        JsonNode published = fixture.json();
        try (FixedAnswerServer wechat = FixedAnswerServer.answering(type.value(), fixture.bytes())) {
            WeChatApiClient client = new WeChatApiClient(http, JsonSerialization.mapper, wechat.baseUrl(), Duration.ofSeconds(5));
            if (fixture.isError()) {
                WeChatApiException e = assertThrows(WeChatApiException.class, () -> call(client, fixture.endpoint()));
                assertEquals(WeChatApiException.Kind.WECHAT_ERROR, e.kind(), e.getMessage());
                assertEquals(published.path("errcode").asInt(), e.errcode());
                assertEquals(fixture.endpoint(), e.endpoint().path());
                assertTrue(e.getMessage().contains(published.path("errmsg").asText()), "WeChat's errmsg is kept: " + e.getMessage());
            } else {
                Object answer = assertDoesNotThrowWeChat(() -> call(client, fixture.endpoint()));
                if (answer instanceof WeChatAccessToken token) {
                    assertToken(published, token, fixture.text());
                } else if (answer instanceof WeChatMiniProgramSession signedIn) {
                    assertEquals(published.path("openid").asText(), signedIn.openid());
                    assertEquals(textOrNull(published, "unionid"), signedIn.unionid());
                    assertFalse(signedIn.toString().contains(published.path("session_key").asText()),
                            "the session_key is not kept");
                } else if (answer instanceof WeChatAppAccessToken appToken) {
                    assertEquals(published.path("access_token").asText(), appToken.token());
                    assertEquals(published.path("expires_in").asLong(), appToken.expiresInSeconds());
                } else if (answer instanceof WeChatPhoneNumber phone) {
                    JsonNode info = published.path("phone_info");
                    assertEquals(info.path("purePhoneNumber").asText(), phone.purePhoneNumber());
                    assertEquals(info.path("countryCode").asText(), phone.countryCode());
                    assertEquals(info.path("watermark").path("appid").asText(), phone.watermarkAppId());
                } else if (answer instanceof WeChatQrTicket qr) {
                    assertEquals(published.path("ticket").asText(), qr.ticket());
                    assertEquals(published.path("expire_seconds").asLong(), qr.expireSeconds());
                    assertEquals(published.path("url").asText(), qr.url());
                } else if (answer instanceof WeChatSubscriber subscriber) {
                    assertEquals(published.path("subscribe").asInt() == 1, subscriber.subscribed());
                    assertEquals(published.path("openid").asText(), subscriber.openid());
                    assertEquals(textOrNull(published, "unionid"), subscriber.unionid());
                } else {
                    assertProfile(published, (WeChatUserInfo) answer);
                }
            }
        }
    }

    @Test
    void escapedSlashesAndAChineseNicknameUnderTextPlain() throws WeChatApiException {
        WeChatUserInfo profile = profileOf("userinfo-captured-unbound.json");
        assertEquals("宁夏杨洋", profile.nickname());
        assertEquals("http://thirdwx.qlogo.cn/mmopen/vi_32/Q0j4TwGTfTLlVSjsLxrJickkIQ7nUJ8bTpuGfg9OgKvNXLNylE625T0yozO4SzANYaTuWT5uib83mjJu6dqHtiaCA/132",
                profile.headimgurl());
        assertNull(profile.unionid(), "an unbound app's profile has no unionid");
    }

    @Test
    void theDocumentationsOldProfileSampleIsReadToo() throws WeChatApiException {
        // sex as a string, a privilege array: fields we do not read must not trip the client.
        WeChatUserInfo profile = profileOf("userinfo-wechatpy.json");
        assertEquals("OPENID", profile.openid());
        assertEquals("o6_bmasdasdsad6_2sgVt7hMZOPfL", profile.unionid());
        assertEquals("NICKNAME", profile.nickname());
    }

    @Test
    void tokenAnswersWithAndWithoutUnionidAndForASnapshotUser() throws WeChatApiException {
        WeChatAccessToken website = tokenOf("access-token-website-unionid.json");
        assertEquals("UNIONID", website.unionid());
        assertEquals(7200, website.expiresIn());
        assertFalse(website.snapshotUser());
        assertNull(tokenOf("access-token-mobile-app.json").unionid());
        WeChatAccessToken snapshot = tokenOf("access-token-snapshot-user.json");
        assertTrue(snapshot.snapshotUser(), "is_snapshotuser:1 is recognised, so the sign-in is refused");
    }

    @Test
    void publishedErrcodesMapToWhatThePersonIsTold() {
        Map<String, WeChatLoginFailure> expected = Map.of(
                "error-invalid-code-plain.json", WeChatLoginFailure.CODE_INVALID,
                "error-invalid-code-hints.json", WeChatLoginFailure.CODE_INVALID,
                "error-invalid-code-rid.json", WeChatLoginFailure.CODE_INVALID,
                "error-api-unauthorized-rid.json", WeChatLoginFailure.CONFIGURATION,
                "error-invalid-credential-hints.json", WeChatLoginFailure.OTHER);
        // The errors of the browser sign-in's endpoints; the code grant's own mapping is tested on Keycloak.
        List<ContractFixtures.Fixture> errors = ContractFixtures.all().stream()
                .filter(f -> f.isError() && BROWSER.contains(f.endpoint())).toList();
        assertEquals(expected.keySet(), errors.stream().map(ContractFixtures.Fixture::file).collect(java.util.stream.Collectors.toSet()));
        for (ContractFixtures.Fixture fixture : errors) {
            try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", fixture.bytes())) {
                WeChatApiClient client = new WeChatApiClient(http, JsonSerialization.mapper, wechat.baseUrl(), Duration.ofSeconds(5));
                WeChatApiException e = assertThrows(WeChatApiException.class, () -> call(client, fixture.endpoint()));
                assertEquals(expected.get(fixture.file()), WeChatLoginFailure.of(e), fixture.file());
            }
        }
    }

    private static void assertToken(JsonNode published, WeChatAccessToken token, String text) {
        assertEquals(published.path("access_token").asText(), token.accessToken());
        assertEquals(published.path("expires_in").asLong(), token.expiresIn());
        assertEquals(published.path("refresh_token").asText(), token.refreshToken());
        assertEquals(published.path("openid").asText(), token.openid());
        assertEquals(published.path("scope").asText(), token.scope());
        assertEquals(textOrNull(published, "unionid"), token.unionid());
        assertEquals(published.path("is_snapshotuser").asInt(0) == 1, token.snapshotUser());
        assertEquals(text, token.rawJson(), "stored as WeChat sent it");
    }

    private static void assertProfile(JsonNode published, WeChatUserInfo profile) {
        assertEquals(published.path("openid").asText(), profile.openid());
        assertEquals(textOrNull(published, "unionid"), profile.unionid());
        assertEquals(published.path("nickname").asText(), profile.nickname());
        assertEquals(published.path("headimgurl").asText(), profile.headimgurl());
    }

    private static String textOrNull(JsonNode body, String field) {
        return body.has(field) ? body.get(field).asText() : null;
    }

    private static WeChatUserInfo profileOf(String file) throws WeChatApiException {
        return (WeChatUserInfo) answerTo(file);
    }

    private static WeChatAccessToken tokenOf(String file) throws WeChatApiException {
        return (WeChatAccessToken) answerTo(file);
    }

    private static Object answerTo(String file) throws WeChatApiException {
        ContractFixtures.Fixture fixture = ContractFixtures.all().stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain", fixture.bytes())) {
            return call(new WeChatApiClient(http, JsonSerialization.mapper, wechat.baseUrl(), Duration.ofSeconds(5)), fixture.endpoint());
        }
    }

    /** The client call that reaches {@code endpoint}. */
    private static Object call(WeChatApiClient client, String endpoint) throws WeChatApiException {
        if (endpoint.equals(WeChatEndpoint.ACCESS_TOKEN.path())) {
            return client.exchangeCode("wx520c15f417810387", "0123456789abcdef0123456789abcdef", "061eY9xX08tQu02IH4wX05BjxX0eY9xA");
        }
        if (endpoint.equals(WeChatEndpoint.JSCODE2SESSION.path())) {
            return client.miniProgramSession("wx520c15f417810387", "0123456789abcdef0123456789abcdef", "0a3bCdEf1gHiJ");
        }
        if (endpoint.equals(WeChatEndpoint.STABLE_TOKEN.path())) {
            return client.stableToken("wx520c15f417810387", "0123456789abcdef0123456789abcdef", false);
        }
        if (endpoint.equals(WeChatEndpoint.PHONE_NUMBER.path())) {
            return client.phoneNumber("APP_ACCESS_TOKEN", "PHONE_CODE");
        }
        if (endpoint.equals(WeChatEndpoint.QRCODE_CREATE.path())) {
            return client.loginQrCode("APP_ACCESS_TOKEN", "login_7f3a9c", 600);
        }
        if (endpoint.equals(WeChatEndpoint.SUBSCRIBER_INFO.path())) {
            return client.subscriber("APP_ACCESS_TOKEN", "oW5Ux6ceqP-b0C-72qHEWZYk8Cr8");
        }
        return client.userInfo("ACCESS_TOKEN", "OPENID");
    }

    private interface WeChatCall {
        Object run() throws WeChatApiException;
    }

    private static Object assertDoesNotThrowWeChat(WeChatCall call) {
        try {
            return call.run();
        } catch (WeChatApiException e) {
            throw new AssertionError("a published success body was refused: " + e.getMessage(), e);
        }
    }
}

package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.TokenEndpoint;
import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything that can go wrong between an app, Keycloak and WeChat in the code grant ends in a standard OAuth error the
 * app can act on, with a readable description and a Keycloak event carrying WeChat's errcode: never a server error,
 * never a user created.
 */
class CodeGrantRefusalsIT extends WeChatScenario {

    private static final String WEBSITE = "wx2b3c4d5e6f7a8b9c";
    private static final String MINI_PROGRAM = "wx6d5c4b3a2f1e0d9c";
    private static final String MOBILE_APP = "wx8f7e6d5c4b3a2f1e";
    private static final String OTHER_WEBSITE = "wx0a1b2c3d4e5f6a7b";
    private static final String UNBOUND_MINI_PROGRAM = "wx3f2e1d0c9b8a7f6e";
    private static final String SECRET = "refusals-secret-Ww2";
    private static final String CLIENT = "mini-program";
    private static final String NOT_LISTED = "other-app";

    private CodeGrant miniProgram;

    @Override
    protected String realmPrefix() {
        return "refusals";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(WEBSITE, SECRET, "localhost");
        sim.addMiniProgram(MINI_PROGRAM, SECRET);
        sim.addMobileApp(MOBILE_APP, SECRET);
        sim.addWebsiteApp(OTHER_WEBSITE, SECRET, "localhost").unbound();
        sim.addMiniProgram(UNBOUND_MINI_PROGRAM, SECRET).unbound();
        realm.admin().createPublicClient(realm.name(), CLIENT, "http://127.0.0.1:9/unused");
        realm.admin().createPublicClient(realm.name(), NOT_LISTED, "http://127.0.0.1:9/unused");
        realm.addWeChat("wechat", WEBSITE, SECRET, Map.of("miniProgramAppId", MINI_PROGRAM,
                "miniProgramAppSecret", SECRET, "mobileAppAppId", MOBILE_APP, "mobileAppAppSecret", SECRET,
                "codeGrantClients", CLIENT, "timeoutMillis", "1500"));
        // A second provider: apps not bound to an Open Platform account, and no accounts made by the grant.
        realm.addWeChat("wechat-solo", OTHER_WEBSITE, SECRET, Map.of("miniProgramAppId", UNBOUND_MINI_PROGRAM,
                "miniProgramAppSecret", SECRET, "codeGrantClients", CLIENT, "codeGrantNewUsers", "reject"));
        miniProgram = CodeGrant.publicClient(keycloak, realm.name(), CLIENT);
    }

    static Stream<Arguments> wechatErrors() {
        return Stream.of(
                Arguments.of(40029, 400, "invalid_grant", "invalid, expired or already used"),
                Arguments.of(40163, 400, "invalid_grant", "invalid, expired or already used"),
                Arguments.of(40226, 400, "invalid_grant", "high-risk"),
                Arguments.of(45011, 503, "temporarily_unavailable", "try again"),
                Arguments.of(-1, 503, "temporarily_unavailable", "try again"),
                Arguments.of(40125, 503, "temporarily_unavailable", "administrator"),
                Arguments.of(40013, 503, "temporarily_unavailable", "administrator"));
    }

    @ParameterizedTest(name = "errcode {0} → {1} {2}")
    @MethodSource("wechatErrors")
    void aWeChatErrorBecomesAnOAuthErrorAndAnEvent(int errcode, int status, String error, String described) {
        sim.addPerson("e" + Math.abs(errcode), "错误", null);
        sim.faults().once(SimEndpoint.JSCODE2SESSION, Fault.errcode(errcode));
        int users = realm.userCount();

        TokenEndpoint.Answer answer = signIn("e" + Math.abs(errcode));

        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(error, answer.error());
        assertTrue(answer.description().contains(described), answer.description());
        assertEquals(users, realm.userCount(), "nobody created");
        JsonNode event = realm.latestEvent("LOGIN_ERROR");
        assertEquals(String.valueOf(errcode), event.path("details").path("wechat_errcode").asText());
        assertEquals("/sns/jscode2session", event.path("details").path("wechat_endpoint").asText());
        assertEquals("wechat", event.path("details").path("identity_provider").asText());
    }

    static Stream<Arguments> unusableAnswers() {
        return Stream.of(
                Arguments.of("timeout", Fault.delay(Duration.ofSeconds(4))),
                Arguments.of("malformed", Fault.malformedJson()),
                Arguments.of("oversized", Fault.oversizedJson(200_000)),
                Arguments.of("HTML", Fault.htmlBody()),
                Arguments.of("HTTP 502", Fault.httpStatus(502)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableAnswers")
    void weChatNotAnsweringUsablyIsTemporarilyUnavailable(String name, Fault fault) {
        sim.addPerson("u" + name.hashCode(), "不可用", null);
        sim.faults().once(SimEndpoint.JSCODE2SESSION, fault);
        int users = realm.userCount();

        TokenEndpoint.Answer answer = signIn("u" + name.hashCode());

        assertEquals(503, answer.status(), answer.body().toString());
        assertEquals("temporarily_unavailable", answer.error());
        assertEquals(users, realm.userCount());
        assertEquals("wechat_unavailable", realm.latestEvent("LOGIN_ERROR").path("details").path("reason").asText());
    }

    @Test
    void aCodeIsSingleUse() {
        sim.addPerson("once", "一次", null);
        String code = sim.miniProgramLoginCode(MINI_PROGRAM, "once");
        miniProgram.send(Map.of("appid", MINI_PROGRAM, "code", code, "provider", "wechat")).tokens();

        TokenEndpoint.Answer again = miniProgram.send(Map.of("appid", MINI_PROGRAM, "code", code, "provider", "wechat"));

        assertEquals("invalid_grant", again.error());
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("no code", Map.of("appid", MINI_PROGRAM, "provider", "wechat"),
                        "invalid_request", "Missing parameter: code"),
                Arguments.of("no appid", Map.of("code", "x", "provider", "wechat"),
                        "invalid_request", "Missing parameter: appid"),
                Arguments.of("not an AppID", Map.of("code", "x", "appid", "<script>", "provider", "wechat"),
                        "invalid_request", "must be a WeChat AppID"),
                Arguments.of("another provider's app", Map.of("code", "x", "appid", UNBOUND_MINI_PROGRAM,
                        "provider", "wechat"), "invalid_request", "neither the mini program nor the mobile app"),
                Arguments.of("unknown provider", Map.of("code", "x", "appid", MINI_PROGRAM, "provider", "weixin"),
                        "invalid_request", "no WeChat provider 'weixin'"),
                Arguments.of("two providers, none named", Map.of("code", "x", "appid", MINI_PROGRAM),
                        "invalid_request", "wechat, wechat-solo"),
                Arguments.of("phone code from an app", Map.of("code", "x", "appid", MOBILE_APP, "phone_code", "y",
                        "provider", "wechat"), "invalid_request", "mini program"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestIsRefusedWithoutAskingWeChat(String name, Map<String, String> parameters, String error,
                                                 String described) {
        TokenEndpoint.Answer answer = miniProgram.send(parameters);

        assertEquals(400, answer.status(), answer.body().toString());
        assertEquals(error, answer.error());
        assertTrue(answer.description().contains(described), answer.description());
        assertEquals(0, sim.calls(SimEndpoint.JSCODE2SESSION), "WeChat not asked");
    }

    @Test
    void aClientTheProviderDoesNotListIsUnauthorized() {
        sim.addPerson("outsider", "局外人", null);
        TokenEndpoint.Answer answer = CodeGrant.publicClient(keycloak, realm.name(), NOT_LISTED).send(Map.of(
                "appid", MINI_PROGRAM, "provider", "wechat", "code", sim.miniProgramLoginCode(MINI_PROGRAM, "outsider")));

        assertEquals(400, answer.status());
        assertEquals("unauthorized_client", answer.error());
        assertTrue(answer.description().contains("codeGrantClients"), answer.description());
        assertEquals(0, sim.calls(SimEndpoint.JSCODE2SESSION));
        assertEquals("not_allowed", realm.latestEvent("LOGIN_ERROR").path("error").asText());
    }

    @Test
    void aDisabledProviderSignsNobodyIn() {
        sim.addPerson("offline", "下线", null);
        realm.admin().put("/admin/realms/" + realm.name() + "/identity-provider/instances/wechat-solo",
                ((com.fasterxml.jackson.databind.node.ObjectNode) realm.providerRepresentation("wechat-solo"))
                        .put("enabled", false)).orThrow();
        try {
            TokenEndpoint.Answer answer = miniProgram.send(Map.of("appid", UNBOUND_MINI_PROGRAM, "provider",
                    "wechat-solo", "code", sim.miniProgramLoginCode(UNBOUND_MINI_PROGRAM, "offline")));

            assertEquals("invalid_request", answer.error());
            assertTrue(answer.description().contains("disabled"), answer.description());
        } finally {
            realm.admin().put("/admin/realms/" + realm.name() + "/identity-provider/instances/wechat-solo",
                    ((com.fasterxml.jackson.databind.node.ObjectNode) realm.providerRepresentation("wechat-solo"))
                            .put("enabled", true)).orThrow();
        }
    }

    @Test
    void aDisabledClientGetsKeycloaksOwnRefusal() {
        String id = realm.admin().createPublicClient(realm.name(), "switched-off", "http://127.0.0.1:9/unused")
                .path("id").asText();
        realm.admin().put("/admin/realms/" + realm.name() + "/clients/" + id,
                Map.of("clientId", "switched-off", "enabled", false)).orThrow();

        TokenEndpoint.Answer answer = CodeGrant.publicClient(keycloak, realm.name(), "switched-off")
                .send(Map.of("appid", MINI_PROGRAM, "provider", "wechat", "code", "x"));

        // Keycloak authenticates the client before any grant runs: its standard answer, and WeChat is not asked.
        assertEquals(401, answer.status(), answer.body().toString());
        assertEquals("invalid_client", answer.error());
        assertEquals(0, sim.calls(SimEndpoint.JSCODE2SESSION));
    }

    @Test
    void inRejectModeAPersonNeverSeenIsSentToTheBrowserFirst() {
        sim.addPerson("newcomer", "新人", null);
        int users = realm.userCount();

        TokenEndpoint.Answer refused = miniProgram.send(Map.of("appid", UNBOUND_MINI_PROGRAM, "provider",
                "wechat-solo", "code", sim.miniProgramLoginCode(UNBOUND_MINI_PROGRAM, "newcomer")));

        assertEquals(400, refused.status());
        assertEquals("invalid_grant", refused.error());
        assertTrue(refused.description().contains("browser sign-in first"), refused.description());
        assertEquals(users, realm.userCount());
        assertEquals("user_not_found", realm.latestEvent("LOGIN_ERROR").path("error").asText());
    }

    @Test
    void withoutAUnionidAMiniProgramKnowsPeopleByItsOwnOpenid() {
        // wechat-solo rejects new people: the person first exists through an admin-made link, as after a migration.
        sim.addPerson("solo", "独行", null);
        String openid = sim.openid("solo", UNBOUND_MINI_PROGRAM);
        String userId = realm.createLinkedUser("solo-user", "wechat-solo", openid);

        TokenEndpoint.Answer answer = miniProgram.send(Map.of("appid", UNBOUND_MINI_PROGRAM, "provider",
                "wechat-solo", "code", sim.miniProgramLoginCode(UNBOUND_MINI_PROGRAM, "solo")));

        assertEquals(userId, answer.accessClaims().path("sub").asText());
        JsonNode user = realm.admin().user(realm.name(), userId);
        assertEquals(List.of(UNBOUND_MINI_PROGRAM + ":" + openid), realm.attribute(user, "wechat_openid"));
        assertTrue(realm.attribute(user, "wechat_unionid").isEmpty());
    }

    @Test
    void nothingOfWeChatsSessionKeyLeavesTheServer() {
        sim.addPerson("secretive", "保密", null);
        String sessionKey = "Kq8Zr\\/T0pSeCrEtKeY+w==";
        sim.faults().once(SimEndpoint.JSCODE2SESSION, Fault.rawBody("text/plain", "{\"session_key\":\"" + sessionKey
                + "\",\"openid\":\"" + sim.openid("secretive", MINI_PROGRAM) + "\",\"unionid\":\""
                + sim.unionid("secretive") + "\"}"));
        String unescaped = sessionKey.replace("\\/", "/");
        int logStart = keycloak.serverLog().length();

        TokenEndpoint.Answer answer = signIn("secretive");

        String body = answer.tokens().toString() + answer.accessClaims() + OidcLogin.claims(
                answer.tokens().path("id_token").asText());
        JsonNode user = realm.userLinkedTo(sim.unionid("secretive"));
        String events = realm.events("LOGIN").toString() + realm.events("REGISTER");
        String log = keycloak.serverLog().substring(logStart);
        for (String where : List.of(body, user.toString(), events, log)) {
            assertFalse(where.contains("session_key") || where.contains(unescaped) || where.contains("SeCrEtKeY"),
                    "the session_key left the server: " + where);
        }
    }

    private TokenEndpoint.Answer signIn(String person) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("appid", MINI_PROGRAM);
        parameters.put("provider", "wechat");
        parameters.put("scope", "openid");
        parameters.put("code", sim.miniProgramLoginCode(MINI_PROGRAM, person));
        return miniProgram.send(parameters);
    }
}

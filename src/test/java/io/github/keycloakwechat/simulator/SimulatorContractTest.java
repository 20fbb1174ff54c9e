package io.github.keycloakwechat.simulator;

import static io.github.keycloakwechat.simulator.SimHttp.WECHAT_UA;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.location;
import static io.github.keycloakwechat.simulator.SimHttp.oaAuthorize;
import static io.github.keycloakwechat.simulator.SimHttp.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.contract.ContractFixtures;
import org.junit.jupiter.api.Test;

/**
 * The simulator's answers have the shape of WeChat's published ones (src/test/resources/wechat-contract/, those
 * marked shape=true): the same field names with the same JSON types, for every endpoint our client calls, in each
 * variant (bound app, unbound app, snapshot user, error). The simulator is thus checked against WeChat's published
 * behaviour, not only against our client.
 */
class SimulatorContractTest extends SimFixture {

    private static final String TOKEN = "/sns/oauth2/access_token";
    private static final String REFRESH = "/sns/oauth2/refresh_token";
    private static final String USERINFO = "/sns/userinfo";
    private static final String JSCODE2SESSION = SimEndpoint.JSCODE2SESSION.path();
    private static final String STABLE_TOKEN = SimEndpoint.STABLE_TOKEN.path();
    private static final String PHONE_NUMBER = SimEndpoint.GET_USER_PHONE_NUMBER.path();
    private static final String QRCODE_CREATE = SimEndpoint.QRCODE_CREATE.path();
    private static final String USER_INFO = SimEndpoint.USER_INFO.path();

    private static final String BOUND = "wxweb0000000071";
    private static final String UNBOUND = "wxweb0000000072";
    private static final String OA = "wxoa00000000073";
    private static final String SECRET = "contract-secret";
    private static final String CB = "https://sso.example.com/cb";
    private static final String MINI = "wxmini000000074";
    private static final String MINI_UNBOUND = "wxmini000000075";
    private static final String OA_UNBOUND = "wxoa00000000076";

    @Override
    void addAppsAndPeople() {
        sim.addWebsiteApp(BOUND, SECRET, "sso.example.com");
        sim.addWebsiteApp(UNBOUND, SECRET, "sso.example.com").unbound();
        sim.addOfficialAccount(OA, SECRET, "sso.example.com");
        sim.addMiniProgram(MINI, SECRET);
        sim.addMiniProgram(MINI_UNBOUND, SECRET).unbound();
        sim.addOfficialAccount(OA_UNBOUND, SECRET, "sso.example.com").unbound();
        sim.addPerson("dora", "多拉🌸", "https://thirdwx.qlogo.cn/mmopen/vi_32/dora/132").phone("13800000000", "86");
    }

    @Test
    void codeExchange() {
        assertShape(TOKEN, "unionid", exchange(BOUND));
        assertShape(TOKEN, "no-unionid", exchange(UNBOUND));
        assertShape(TOKEN, "error", json(http.exchange(BOUND, SECRET, "061eY9xX08tQu02IH4wX05BjxX0eY9xA")));
    }

    @Test
    void codeExchangeOfASnapshotUser() {
        sim.snapshotMode(true);
        sim.nextScan(OA, "dora");
        String code = params(location(http.getBytes(oaAuthorize(OA, CB, OaAuthorizeHandler.USERINFO, "snap"), WECHAT_UA))).get("code");
        assertShape(TOKEN, "snapshot", json(http.exchange(OA, SECRET, code)));
    }

    @Test
    void refresh() {
        JsonNode token = exchange(BOUND);
        assertShape(REFRESH, "no-unionid", json(http.getBytes(REFRESH + "?appid=" + BOUND + "&grant_type=refresh_token&refresh_token="
                + SimHttp.enc(token.path("refresh_token").asText()))));
    }

    @Test
    void profile() {
        JsonNode unbound = exchange(UNBOUND);
        assertShape(USERINFO, "no-unionid", userinfo(unbound));

        // Bound: the unbound shape plus unionid, a string (documented on the userinfo page; in every published body).
        Map<String, String> bound = new LinkedHashMap<>(onlyShape(USERINFO, "no-unionid"));
        bound.put("unionid", "string");
        assertEquals(sorted(bound), sorted(ContractFixtures.shapeOf(userinfo(exchange(BOUND)))));
        assertEquals("string", ContractFixtures.shapeOf(ContractFixtures.all().stream()
                .filter(f -> f.file().equals("userinfo-wechatpy.json")).findFirst().orElseThrow().json()).get("unionid"));

        assertShape(USERINFO, "error", json(http.userinfo("86_not-a-token", unbound.path("openid").asText())));
    }

    @Test
    void miniProgramLogin() {
        assertShape(JSCODE2SESSION, "unionid", json(http.jscode2session(MINI, SECRET, sim.miniProgramLoginCode(MINI, "dora"))));
        assertShape(JSCODE2SESSION, "no-unionid",
                json(http.jscode2session(MINI_UNBOUND, SECRET, sim.miniProgramLoginCode(MINI_UNBOUND, "dora"))));
        assertShape(JSCODE2SESSION, "error", json(http.jscode2session(MINI, SECRET, "061eY9xX08tQu02IH4wX05BjxX0eY9xA")));
    }

    @Test
    void appAccessToken() {
        assertShape(STABLE_TOKEN, "no-unionid", json(http.stableToken(MINI, SECRET, false)));
        assertShape(STABLE_TOKEN, "error", json(http.stableToken(MINI, "not-the-secret", false)));
    }

    @Test
    void phoneNumber() {
        String token = http.appAccessToken(MINI, SECRET);
        String code = sim.phoneCode(MINI, "dora");
        JsonNode answer = json(http.phoneNumber(token, code));
        assertShape(PHONE_NUMBER, "no-unionid", answer);
        // The nested objects too: phone_info and its watermark, field by field.
        JsonNode published = onlyFixture(PHONE_NUMBER, "no-unionid").json();
        for (String pointer : List.of("/phone_info", "/phone_info/watermark")) {
            assertEquals(sorted(ContractFixtures.shapeOf(published.at(pointer))), sorted(ContractFixtures.shapeOf(answer.at(pointer))),
                    pointer + " of " + answer);
        }
        assertShape(PHONE_NUMBER, "error", json(http.phoneNumber(token, code)));
    }

    @Test
    void officialAccountQrCode() {
        String token = http.appAccessToken(OA, SECRET);
        assertShape(QRCODE_CREATE, "no-unionid", http.loginQrCode(token, "login_7f3a9c", 600));
        assertShape(QRCODE_CREATE, "error", http.loginQrCode("86_not-a-token", "login_7f3a9c", 600));
    }

    @Test
    void officialAccountSubscriber() {
        String token = http.appAccessToken(OA, SECRET);
        String ticket = http.loginQrCode(token, "login_7f3a9c", 600).get("ticket").asText();
        sim.scanQrTicket(ticket, "dora");
        assertShape(USER_INFO, "unionid", json(http.subscriberInfo(token, sim.openid("dora", OA))));

        // An unbound account: the same shape without unionid.
        sim.follow(OA_UNBOUND, "dora");
        Map<String, String> unbound = new LinkedHashMap<>(onlyShape(USER_INFO, "unionid"));
        unbound.remove("unionid");
        String unboundToken = http.appAccessToken(OA_UNBOUND, SECRET);
        assertEquals(sorted(unbound), sorted(ContractFixtures.shapeOf(json(http.subscriberInfo(unboundToken, sim.openid("dora", OA_UNBOUND))))));

        sim.unfollow(OA, "dora");
        assertShape(USER_INFO, "no-unionid", json(http.subscriberInfo(token, sim.openid("dora", OA))));
        assertShape(USER_INFO, "error", json(http.subscriberInfo(token, "oNobody0123456789abcdefghijk")));
    }

    @Test
    void wireQuirks() {
        // WeChat escapes slashes and sends text/plain without charset (protocol §0, §3.4), as the captured body shows.
        String captured = ContractFixtures.all().stream().filter(f -> f.file().equals("userinfo-captured-unbound.json"))
                .findFirst().orElseThrow().text();
        assertTrue(captured.contains("\"http:\\/\\/thirdwx.qlogo.cn\\/"), captured);
        java.net.http.HttpResponse<byte[]> answer = http.userinfo(exchange(UNBOUND).path("access_token").asText(),
                sim.openid("dora", UNBOUND));
        assertTrue(SimHttp.text(answer).contains("\"https:\\/\\/thirdwx.qlogo.cn\\/mmopen\\/vi_32\\/dora\\/132\""), SimHttp.text(answer));
        assertEquals("text/plain", SimHttp.contentType(answer));
        assertTrue(ContractFixtures.contentTypes().stream().anyMatch(t -> t.value().equals("text/plain")));
    }

    private JsonNode exchange(String appId) {
        return http.exchangeJson(appId, SECRET, http.scriptedQrCode(appId, "dora", CB));
    }

    private JsonNode userinfo(JsonNode token) {
        return json(http.userinfo(token.path("access_token").asText(), token.path("openid").asText()));
    }

    /** Same field names and JSON types as every published shape reference of this endpoint and variant. */
    private static void assertShape(String endpoint, String variant, JsonNode simulated) {
        List<ContractFixtures.Fixture> published = ContractFixtures.shapes(endpoint, variant);
        assertFalse(published.isEmpty(), "no published " + variant + " body of " + endpoint);
        Map<String, String> actual = sorted(ContractFixtures.shapeOf(simulated));
        for (ContractFixtures.Fixture fixture : published) {
            assertEquals(sorted(ContractFixtures.shapeOf(fixture.json())), actual,
                    endpoint + " (" + variant + "): the simulator's answer " + simulated + " against " + fixture.file());
        }
    }

    private static Map<String, String> onlyShape(String endpoint, String variant) {
        return ContractFixtures.shapeOf(onlyFixture(endpoint, variant).json());
    }

    private static ContractFixtures.Fixture onlyFixture(String endpoint, String variant) {
        List<ContractFixtures.Fixture> published = ContractFixtures.shapes(endpoint, variant);
        assertEquals(1, published.size(), "one published " + variant + " body of " + endpoint);
        return published.get(0);
    }

    private static Map<String, String> sorted(Map<String, String> shape) {
        return new java.util.TreeMap<>(shape);
    }
}

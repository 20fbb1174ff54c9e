package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.keycloakwechat.simulator.SimHttp.DESKTOP_UA;
import static io.github.keycloakwechat.simulator.SimHttp.WECHAT_UA;
import static io.github.keycloakwechat.simulator.SimHttp.form;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.keys;
import static io.github.keycloakwechat.simulator.SimHttp.location;
import static io.github.keycloakwechat.simulator.SimHttp.oaAuthorize;
import static io.github.keycloakwechat.simulator.SimHttp.params;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Official Account web authorisation, §4 of the protocol reference. */
class OfficialAccountAuthorizeTest extends SimFixture {

    static final String OA = "wxoa0000000030";
    static final String SECRET = "oasecret-30";
    static final String WEBSITE = "wxweb0000000030";
    static final String CB = "https://mp.example.com/realms/demo/broker/wechat-mp/endpoint";
    static final String BASE = "snsapi_base";
    static final String USERINFO = "snsapi_userinfo";

    @Override
    void addAppsAndPeople() {
        sim.addOfficialAccount(OA, SECRET, "mp.example.com");
        sim.addWebsiteApp(WEBSITE, "websecret", "mp.example.com");
        sim.addPerson("carol", "Carol", null);
        sim.addPerson("dave", "Dave", null);
    }

    @Test
    void firstBouncesToItselfWithConnectRedirect() {
        String documented = "/connect/oauth2/authorize?appid=" + OA + "&redirect_uri=" + SimHttp.enc(CB)
                + "&response_type=code&scope=snsapi_base&state=abc";
        HttpResponse<byte[]> r = http.getBytes(documented, WECHAT_UA);
        assertEquals(301, r.statusCode());
        assertEquals(documented + "&connect_redirect=1", location(r));
        assertEquals(302, http.getBytes(location(r), WECHAT_UA).statusCode(), "the bounced URL proceeds");
        assertEquals(2, sim.calls(SimEndpoint.OA_AUTHORIZE), "the 301 hop is a call of its own");
    }

    @Test
    void outsideWeChatShowsOpenInWeChatPage() {
        HttpResponse<byte[]> r = http.getBytes(oaAuthorize(OA, CB, BASE, "abc"), DESKTOP_UA);
        assertEquals(200, r.statusCode());
        assertEquals("请在微信客户端打开链接", title(r));
        assertEquals(302, http.getBytes(oaAuthorize(OA, CB, BASE, "abc"), "xx micromessenger/8.0 xx").statusCode(), "case-insensitive");
    }

    @Test
    void documentedParameterOrderIsEnforcedBehindAFlag() {
        String reordered = "/connect/oauth2/authorize?appid=" + OA + "&scope=snsapi_base&redirect_uri=" + SimHttp.enc(CB)
                + "&response_type=code&state=abc&connect_redirect=1";
        HttpResponse<byte[]> r = http.getBytes(reordered, WECHAT_UA);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Location").isEmpty());
        assertTrue(title(r).contains("Scope"), title(r));

        sim.enforceParamOrder(false);
        assertEquals(302, http.getBytes(reordered, WECHAT_UA).statusCode());
    }

    @Test
    void stateRules() {
        assertEquals("state参数过长", title(http.getBytes(oaAuthorize(OA, CB, BASE, "a".repeat(129)), WECHAT_UA)));
        assertEquals("state参数错误", title(http.getBytes(oaAuthorize(OA, CB, BASE, "state.tab-id_x"), WECHAT_UA)));
        assertEquals(302, http.getBytes(oaAuthorize(OA, CB, BASE, "a".repeat(128)), WECHAT_UA).statusCode());
        sim.lenientState(true);
        assertEquals(302, http.getBytes(oaAuthorize(OA, CB, BASE, "state.tab-id_x"), WECHAT_UA).statusCode());
        assertEquals("state参数过长", title(http.getBytes(oaAuthorize(OA, CB, BASE, "a".repeat(129)), WECHAT_UA)),
                "the 128-byte limit is documented for OA and always enforced");
    }

    @Test
    void redirectHostMustMatchAndCarryNoPort() {
        assertEquals("10003", errcode(http.getBytes(oaAuthorize(OA, "https://mp.example.com:8443/cb", BASE, "s"), WECHAT_UA)));
        assertEquals("10003", errcode(http.getBytes(oaAuthorize(OA, "https://example.com/cb", BASE, "s"), WECHAT_UA)));
        assertEquals("10003", errcode(http.getBytes(oaAuthorize(OA, "https://pay.mp.example.com/cb", BASE, "s"), WECHAT_UA)));
        sim.allowPortInOaRedirect(true);
        assertEquals(302, http.getBytes(oaAuthorize(OA, "https://mp.example.com:8443/cb", BASE, "s"), WECHAT_UA).statusCode());
    }

    @Test
    void appidAndScopeErrors() {
        assertEquals("10016", errcode(http.getBytes(oaAuthorize(WEBSITE, CB, BASE, "s"), WECHAT_UA)));
        assertEquals("40013", errcode(http.getBytes(oaAuthorize("wxnobody", CB, BASE, "s"), WECHAT_UA)));
        assertEquals("10005", errcode(http.getBytes(oaAuthorize(OA, CB, "snsapi_login", "s"), WECHAT_UA)));
        assertEquals("10012", errcode(http.getBytes(oaAuthorize("", CB, BASE, "s"), WECHAT_UA)));
        assertEquals("10011", errcode(http.getBytes(oaAuthorize(OA, "", BASE, "s"), WECHAT_UA)));
        assertEquals("10010", errcode(http.getBytes(oaAuthorize(OA, CB, "", "s"), WECHAT_UA)));
        sim.enforceParamOrder(false);
        String noState = "/connect/oauth2/authorize?appid=" + OA + "&redirect_uri=" + SimHttp.enc(CB)
                + "&response_type=code&scope=snsapi_base&connect_redirect=1";
        assertEquals("10013", errcode(http.getBytes(noState, WECHAT_UA)));
    }

    @Test
    void snsapiBaseIsSilentAndItsTokenCannotReadUserinfo() {
        HttpResponse<byte[]> r = http.getBytes(oaAuthorize(OA, CB, BASE, "base1"), WECHAT_UA);
        assertEquals(302, r.statusCode());
        Map<String, String> p = params(location(r));
        assertEquals("base1", p.get("state"));

        JsonNode token = http.exchangeJson(OA, SECRET, p.get("code"));
        assertEquals(BASE, token.get("scope").asText());
        assertEquals(sim.openid("carol", OA), token.get("openid").asText(), "the first person holds the phone");
        assertFalse(token.has("unionid"), "doc: no unionid for snsapi_base before any userinfo grant");
        assertErrcode(48001, "api unauthorized", http.userinfo(token.get("access_token").asText(), token.get("openid").asText()));
        assertEquals("{\"errcode\":0,\"errmsg\":\"ok\"}",
                text(http.getBytes("/sns/auth?access_token=" + token.get("access_token").asText() + "&openid=" + token.get("openid").asText())));
    }

    @Test
    void snsapiBaseTakesAScriptedPersonButCannotBeDeclined() {
        sim.nextScan(OA, "dave");
        JsonNode token = http.exchangeJson(OA, SECRET, params(location(http.getBytes(oaAuthorize(OA, CB, BASE, "s"), WECHAT_UA))).get("code"));
        assertEquals(sim.openid("dave", OA), token.get("openid").asText());

        sim.nextScanDeclined(OA);
        assertTrue(params(location(http.getBytes(oaAuthorize(OA, CB, BASE, "s"), WECHAT_UA))).containsKey("code"));
        assertFalse(params(location(http.getBytes(oaAuthorize(OA, CB, USERINFO, "s"), WECHAT_UA))).containsKey("code"),
                "the queued decline waits for a login that can be declined");
    }

    @Test
    void snsapiUserinfoShowsAConsentPageAndAllowCompletes() {
        HttpResponse<byte[]> r = http.getBytes(oaAuthorize(OA, CB, USERINFO, "ui1"), WECHAT_UA);
        assertEquals(200, r.statusCode());
        Document page = Jsoup.parse(text(r));
        Element form = page.getElementById("consent-form");
        assertNotNull(form);
        assertEquals(ConsentPage.CONFIRM_PATH, form.attr("action"));
        assertNotNull(page.getElementById("allow"));
        assertNotNull(page.getElementById("deny"));
        assertNotNull(page.getElementById("snapshot"));
        String uuid = form.selectFirst("input[name=uuid]").attr("value");

        HttpResponse<byte[]> allowed = http.post(ConsentPage.CONFIRM_PATH, form("uuid", uuid, "person", "dave", "action", "allow"));
        assertEquals(302, allowed.statusCode());
        Map<String, String> p = params(location(allowed));
        assertEquals("ui1", p.get("state"));

        JsonNode token = http.exchangeJson(OA, SECRET, p.get("code"));
        assertEquals(List.of("access_token", "expires_in", "refresh_token", "openid", "scope", "unionid"), keys(token));
        assertEquals(USERINFO, token.get("scope").asText());
        assertEquals(sim.unionid("dave"), token.get("unionid").asText());
        JsonNode user = json(http.userinfo(token.get("access_token").asText(), token.get("openid").asText()));
        assertEquals("Dave", user.get("nickname").asText());

        sim.nextScan(OA, "dave");
        JsonNode base = http.exchangeJson(OA, SECRET, params(location(http.getBytes(oaAuthorize(OA, CB, BASE, "s"), WECHAT_UA))).get("code"));
        assertEquals(sim.unionid("dave"), base.get("unionid").asText(), "after a userinfo grant snsapi_base carries the unionid");
    }

    @Test
    void denyRedirectsWithStateOnlyOrShowsAPage() {
        String uuid = consentUuid("d1");
        assertEquals(CB + "?state=d1", location(http.post(ConsentPage.CONFIRM_PATH, form("uuid", uuid, "action", "deny"))));

        sim.cancelMode(CancelMode.PAGE);
        HttpResponse<byte[]> page = http.post(ConsentPage.CONFIRM_PATH, form("uuid", consentUuid("d2"), "action", "deny"));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Location").isEmpty());
    }

    @Test
    void nextScanSkipsTheConsentPage() {
        sim.nextScan(OA, "carol");
        HttpResponse<byte[]> r = http.getBytes(oaAuthorize(OA, CB, USERINFO, "s"), WECHAT_UA);
        assertEquals(302, r.statusCode());
        JsonNode token = http.exchangeJson(OA, SECRET, params(location(r)).get("code"));
        assertEquals(USERINFO, token.get("scope").asText());
        assertEquals(sim.openid("carol", OA), token.get("openid").asText());
    }

    @Test
    void officialAccountCodesLiveFiveMinutes() {
        String code = params(location(http.getBytes(oaAuthorize(OA, CB, BASE, "s"), WECHAT_UA))).get("code");
        sim.advanceClock(Duration.ofMinutes(5).plusSeconds(1));
        assertErrcode(40029, "invalid code", http.exchange(OA, SECRET, code));
    }

    @Test
    void snapshotModeGivesAVirtualAccountThatCannotReadUserinfo() {
        sim.snapshotMode(true);
        sim.nextScan(OA, "carol");
        HttpResponse<byte[]> r = http.getBytes(oaAuthorize(OA, CB, USERINFO, "snap"), WECHAT_UA);
        assertEquals(302, r.statusCode(), "no consent popup in a snapshot page");
        JsonNode token = http.exchangeJson(OA, SECRET, params(location(r)).get("code"));
        assertEquals(List.of("access_token", "expires_in", "refresh_token", "openid", "scope", "is_snapshotuser", "unionid"), keys(token));
        assertEquals(1, token.get("is_snapshotuser").asInt());
        assertTrue(token.get("openid").asText().matches("o[A-Za-z0-9_-]{27}"));
        assertNotEquals(sim.openid("carol", OA), token.get("openid").asText());
        assertNotEquals(sim.unionid("carol"), token.get("unionid").asText());
        assertErrcode(48001, "api unauthorized", http.userinfo(token.get("access_token").asText(), token.get("openid").asText()));
    }

    @Test
    void theConsentPagesSnapshotButtonAlsoGivesASnapshotUser() {
        HttpResponse<byte[]> r = http.post(ConsentPage.CONFIRM_PATH, form("uuid", consentUuid("s"), "person", "carol", "action", "snapshot"));
        JsonNode token = http.exchangeJson(OA, SECRET, params(location(r)).get("code"));
        assertEquals(1, token.get("is_snapshotuser").asInt());
    }

    @Test
    void officialAccountDomainsCannotCarryAPort() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> sim.addOfficialAccount("wxoaport", "s", "mp.example.com:8080"));
    }

    private String consentUuid(String state) {
        Document page = Jsoup.parse(text(http.getBytes(oaAuthorize(OA, CB, USERINFO, state), WECHAT_UA)));
        return page.getElementById("consent-form").selectFirst("input[name=uuid]").attr("value");
    }

    private static String title(HttpResponse<byte[]> r) {
        return Jsoup.parse(text(r)).getElementById("error-title").text();
    }

    private static String errcode(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Location").isEmpty(), "error pages do not redirect");
        Element e = Jsoup.parse(text(r)).getElementById("errcode");
        assertNotNull(e, () -> text(r));
        return e.text();
    }
}

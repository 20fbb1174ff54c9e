package io.github.keycloakwechat.simulator;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.form;
import static io.github.keycloakwechat.simulator.SimHttp.location;
import static io.github.keycloakwechat.simulator.SimHttp.params;
import static io.github.keycloakwechat.simulator.SimHttp.qrconnect;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Website QR login page, §1.1–§1.2 of the protocol reference. */
class QrConnectTest extends SimFixture {

    static final String APP = "wxweb0000000001";
    static final String SECRET = "websecret";
    static final String CALLBACK = "https://sso.example.com/realms/demo/broker/wechat/endpoint";

    @Override
    void addAppsAndPeople() {
        sim.addWebsiteApp(APP, SECRET, "sso.example.com");
        sim.addOfficialAccount("wxoa0000000001", "oasecret", "sso.example.com");
        sim.addPerson("alice", "Alice", null);
        sim.addPerson("mallory", "<script>alert('x')</script>", null);
    }

    @Test
    void validRequestRendersTheHostedPageWithTestHooks() {
        HttpResponse<byte[]> r = http.getBytes(qrconnect(APP, CALLBACK, "abc123"));
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", contentType(r));
        Document page = Jsoup.parse(text(r));
        Element form = page.getElementById("scan-form");
        assertNotNull(form);
        assertEquals("post", form.attr("method"));
        assertEquals("/connect/qrconnect/confirm", form.attr("action"));
        assertFalse(form.select("input[type=hidden][name=uuid]").attr("value").isEmpty());
        assertTrue(form.selectFirst("input[type=radio][name=person][value=alice]").hasAttr("checked"), "first person checked");
        assertFalse(form.selectFirst("input[type=radio][name=person][value=mallory]").hasAttr("checked"));
        assertNotNull(form.selectFirst("input[type=text][name=new_nickname]"));
        assertNotNull(page.getElementById("confirm"));
        assertNotNull(page.getElementById("cancel"));
        assertNotNull(page.getElementById("qr"));
        assertEquals("", form.attr("target"), "a top-level page navigates itself");
        assertEquals(1, sim.calls(SimEndpoint.QRCONNECT));
    }

    @Test
    void nicknamesAreHtmlEscaped() {
        String html = text(http.getBytes(qrconnect(APP, CALLBACK, "abc")));
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    }

    @Test
    void invalidRequestsShowTheLinkCannotBeAccessedPageWithoutRedirect() {
        String[] bad = {
                qrconnect("wxunknown", CALLBACK, "s"),
                qrconnect("wxoa0000000001", CALLBACK, "s"),                       // an Official Account's AppID
                qrconnect(APP, "https://evil.example.com/cb", "s"),
                qrconnect(APP, "https://sub.sso.example.com/cb", "s"),              // exact host, no sub-domains
                qrconnect(APP, "/relative/cb", "s"),
                qrconnect(APP, CALLBACK, "s").replace("scope=snsapi_login", "scope=snsapi_userinfo"),
                qrconnect(APP, CALLBACK, "s").replace("&response_type=code", ""), // required outside jssdk mode
                "/connect/qrconnect?appid=" + APP + "&response_type=code&scope=snsapi_login&state=s",
        };
        for (String url : bad) {
            HttpResponse<byte[]> r = http.getBytes(url);
            assertEquals(200, r.statusCode(), url);
            assertTrue(r.headers().firstValue("Location").isEmpty(), url);
            assertEquals("该链接无法访问", Jsoup.parse(text(r)).getElementById("error-title").text(), url);
        }
    }

    @Test
    void portOfTheRedirectUriIsIgnoredForWebsiteApps() {
        HttpResponse<byte[]> r = http.getBytes(qrconnect(APP, "https://sso.example.com:8443/cb", "s"));
        assertNotNull(Jsoup.parse(text(r)).getElementById("scan-form"));
    }

    @Test
    void jssdkModeNeedsNoResponseTypeAndAcceptsWxLoginParameters() {
        String url = "/connect/qrconnect?appid=" + APP + "&scope=snsapi_login&redirect_uri=" + SimHttp.enc(CALLBACK)
                + "&state=abc&login_type=jssdk&self_redirect=default&styletype=&sizetype=&bgcolor=&rst="
                + "&style=black&href=" + SimHttp.enc("data:text/css;base64,Lm5vbmV7fQ==") + "&stylelite=1&fast_login=0&lang=en";
        Document page = Jsoup.parse(text(http.getBytes(url)));
        assertEquals("_top", page.getElementById("scan-form").attr("target"), "wxLogin iframe navigates the top window");

        Document selfRedirect = Jsoup.parse(text(http.getBytes(url.replace("self_redirect=default", "self_redirect=true"))));
        assertEquals("", selfRedirect.getElementById("scan-form").attr("target"));
    }

    @Test
    void inJssdkModeTheButtonsAskWhereToGoSoThatASandboxedFrameNeedsNoForms() {
        String url = "/connect/qrconnect?appid=" + APP + "&scope=snsapi_login&redirect_uri=" + SimHttp.enc(CALLBACK)
                + "&state=abc&login_type=jssdk&self_redirect=false";
        Document page = Jsoup.parse(text(http.getBytes(url)));
        assertTrue(page.select("script").html().contains("target.location.href"), "the page navigates by script");
        String uuid = page.selectFirst("input[name=uuid]").attr("value");

        HttpResponse<byte[]> r = poll(form("uuid", uuid, "person", "alice", "action", "confirm"));

        assertEquals(200, r.statusCode());
        String redirect = SimHttp.json(r).path("redirect").asText();
        assertTrue(redirect.startsWith(CALLBACK + "?code="), redirect);
        assertEquals("abc", params(redirect).get("state"));
        assertEquals(redirect, sim.lastCallbackUrl());
        assertTrue(text(poll(form("uuid", uuid, "person", "alice", "action", "confirm"))).contains("二维码已失效"),
                "a page, not a place to go, when there is nothing to confirm");
    }

    @Test
    void theWxLoginScriptStandInBuildsWeChatsIframeUrl() {
        HttpResponse<byte[]> r = http.getBytes(WxLoginScript.PATH);

        assertEquals(200, r.statusCode());
        assertTrue(contentType(r).startsWith("application/javascript"), contentType(r));
        assertTrue(text(r).contains("window.WxLogin"));
        assertTrue(text(r).contains("&login_type=jssdk&self_redirect="));
    }

    @Test
    void strictStateRejectsLongOrNonAlphanumericStateUnlessLenient() {
        String longState = "a".repeat(129);
        assertEquals("state参数过长", errorTitle(qrconnect(APP, CALLBACK, longState)));
        assertEquals("state参数错误", errorTitle(qrconnect(APP, CALLBACK, "abc.def-ghi_jkl")));
        assertNotNull(Jsoup.parse(text(http.getBytes(qrconnect(APP, CALLBACK, "a".repeat(128))))).getElementById("scan-form"));

        sim.lenientState(true);
        assertNotNull(Jsoup.parse(text(http.getBytes(qrconnect(APP, CALLBACK, longState)))).getElementById("scan-form"));
        assertNotNull(Jsoup.parse(text(http.getBytes(qrconnect(APP, CALLBACK, "abc.def-ghi_jkl")))).getElementById("scan-form"));
    }

    @Test
    void confirmRedirectsToTheCallbackWithCodeAndState() {
        HttpResponse<byte[]> r = submit(qrconnect(APP, CALLBACK, "xyz789"), "confirm", "alice", null);
        assertEquals(302, r.statusCode());
        String location = location(r);
        assertTrue(location.startsWith(CALLBACK + "?code="), location);
        Map<String, String> p = params(location);
        assertTrue(p.get("code").matches("[A-Za-z0-9]{32}"), p.get("code"));
        assertEquals("xyz789", p.get("state"));
        assertEquals(location, sim.lastCallbackUrl());
    }

    @Test
    void codeAndStateGoBeforeTheFragmentAndAfterAnExistingQuery() {
        String withFragment = location(submit(qrconnect(APP, "https://sso.example.com/app/#/route", "s1"), "confirm", "alice", null));
        assertTrue(withFragment.matches("https://sso\\.example\\.com/app/\\?code=[A-Za-z0-9]{32}&state=s1#/route"), withFragment);

        String withQuery = location(submit(qrconnect(APP, "https://sso.example.com/cb?tenant=a", "s2"), "confirm", "alice", null));
        assertTrue(withQuery.matches("https://sso\\.example\\.com/cb\\?tenant=a&code=[A-Za-z0-9]{32}&state=s2"), withQuery);
    }

    @Test
    void missingStateComesBackEmpty() {
        String location = location(submit(qrconnect(APP, CALLBACK, null), "confirm", "alice", null));
        assertEquals("", params(location).get("state"));
    }

    @Test
    void cancelRedirectsWithStateOnlyByDefault() {
        HttpResponse<byte[]> r = submit(qrconnect(APP, CALLBACK, "st"), "cancel", "alice", null);
        assertEquals(302, r.statusCode());
        assertEquals(CALLBACK + "?state=st", location(r));
    }

    @Test
    void cancelModePageShowsTheCancelledMessageInstead() {
        sim.cancelMode(CancelMode.PAGE);
        HttpResponse<byte[]> r = submit(qrconnect(APP, CALLBACK, "st"), "cancel", "alice", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Location").isEmpty());
        assertTrue(text(r).contains("您已取消此次登录"));
    }

    @Test
    void aNewNicknameScansAsABrandNewPerson() {
        HttpResponse<byte[]> r = submit(qrconnect(APP, CALLBACK, "st"), "confirm", "alice", "新人 🐼");
        String code = params(location(r)).get("code");
        SimPerson created = sim.people().get(sim.people().size() - 1);
        assertEquals("新人 🐼", created.nickname());
        var token = http.exchangeJson(APP, SECRET, code);
        assertEquals(sim.openid(created.id(), APP), token.get("openid").asText());
        assertEquals("新人 🐼", SimHttp.json(http.userinfo(token.get("access_token").asText(), token.get("openid").asText()))
                .get("nickname").asText());
    }

    @Test
    void aPendingLoginCompletesOnlyOnce() {
        Document page = Jsoup.parse(text(http.getBytes(qrconnect(APP, CALLBACK, "st"))));
        String uuid = page.selectFirst("input[name=uuid]").attr("value");
        assertEquals(302, http.post(QrPage.CONFIRM_PATH, form("uuid", uuid, "person", "alice", "action", "confirm")).statusCode());
        HttpResponse<byte[]> again = http.post(QrPage.CONFIRM_PATH, form("uuid", uuid, "person", "alice", "action", "confirm"));
        assertEquals(200, again.statusCode());
        assertTrue(text(again).contains("二维码已失效"));
    }

    @Test
    void unknownPersonIsRejectedAndTheLoginStaysPending() {
        Document page = Jsoup.parse(text(http.getBytes(qrconnect(APP, CALLBACK, "st"))));
        String uuid = page.selectFirst("input[name=uuid]").attr("value");
        assertEquals(400, http.post(QrPage.CONFIRM_PATH, form("uuid", uuid, "person", "nobody")).statusCode());
        assertEquals(302, http.post(QrPage.CONFIRM_PATH, form("uuid", uuid, "person", "alice")).statusCode(), "action defaults to confirm");
    }

    @Test
    void nextScanCompletesImmediatelyOnceAndNextScanDeclinedDeclines() {
        sim.nextScan(APP, "alice");
        HttpResponse<byte[]> scripted = http.getBytes(qrconnect(APP, CALLBACK, "one"));
        assertEquals(302, scripted.statusCode());
        assertEquals("one", params(location(scripted)).get("state"));
        assertNotNull(params(location(scripted)).get("code"));

        assertEquals(200, http.getBytes(qrconnect(APP, CALLBACK, "two")).statusCode(), "the script is consumed");

        sim.nextScanDeclined(APP);
        HttpResponse<byte[]> declined = http.getBytes(qrconnect(APP, CALLBACK, "three"));
        assertEquals(CALLBACK + "?state=three", location(declined));
    }

    @Test
    void anInvalidRequestDoesNotConsumeTheScript() {
        sim.nextScan(APP, "alice");
        assertEquals(200, http.getBytes(qrconnect(APP, "https://evil.example.com/", "s")).statusCode());
        assertEquals(302, http.getBytes(qrconnect(APP, CALLBACK, "s")).statusCode());
    }

    @Test
    void pendingLoginsExpire() {
        Document page = Jsoup.parse(text(http.getBytes(qrconnect(APP, CALLBACK, "st"))));
        String uuid = page.selectFirst("input[name=uuid]").attr("value");
        sim.advanceClock(java.time.Duration.ofMinutes(11));
        assertTrue(text(http.post(QrPage.CONFIRM_PATH, form("uuid", uuid, "person", "alice"))).contains("二维码已失效"));
        assertNull(sim.lastCallbackUrl());
    }

    private String errorTitle(String url) {
        HttpResponse<byte[]> r = http.getBytes(url);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Location").isEmpty());
        return Jsoup.parse(text(r)).getElementById("error-title").text();
    }

    /** What the jssdk page's script sends when a button is pressed. */
    private HttpResponse<byte[]> poll(Map<String, String> data) {
        return http.post(QrPage.CONFIRM_PATH, data, QrPage.POLL_ACCEPT);
    }

    /** Loads the QR page, fills the form like a browser would, submits it with the chosen button. */
    private HttpResponse<byte[]> submit(String qrUrl, String action, String personId, String newNickname) {
        Document page = Jsoup.parse(text(http.getBytes(qrUrl)));
        Element form = page.getElementById("scan-form");
        assertNotNull(form, () -> page.text());
        Map<String, String> data = form("uuid", form.selectFirst("input[name=uuid]").attr("value"),
                "person", personId, "new_nickname", newNickname == null ? "" : newNickname,
                "action", page.getElementById(action).attr("value"));
        return http.post(form.attr("action"), data);
    }
}

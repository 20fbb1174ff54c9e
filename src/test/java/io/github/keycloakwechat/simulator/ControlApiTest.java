package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.form;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.location;
import static io.github.keycloakwechat.simulator.SimHttp.params;
import static io.github.keycloakwechat.simulator.SimHttp.qrconnect;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code /sim} control API and the index page, as a standalone user drives them with curl. */
class ControlApiTest {

    static final String CB = "https://demo.example.com/cb";

    WeChatSimulator sim;
    SimHttp http;

    @BeforeEach
    void start() {
        sim = WeChatSimulator.start(0);
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void appsAndPeopleCanBeAddedAndListed() {
        assertEquals(200, http.post("/sim/apps", form("kind", "website", "appid", "wxdemo", "secret", "s1", "domain", "demo.example.com")).statusCode());
        assertEquals(200, http.post("/sim/apps", form("kind", "oa", "appid", "wxoademo", "secret", "s2", "domain", "mp.example.com", "unbound", "true")).statusCode());
        assertEquals(200, http.post("/sim/apps", form("kind", "website", "appid", "wxother", "secret", "s3", "domain", "demo.example.com", "account", "acme")).statusCode());
        assertEquals(200, http.post("/sim/apps", form("kind", "miniprogram", "appid", "wxmini", "secret", "s4")).statusCode());
        assertEquals(200, http.post("/sim/apps", form("kind", "mobile", "appid", "wxmobile", "secret", "s5", "unbound", "true")).statusCode());
        assertEquals(AppKind.MINI_PROGRAM, sim.app("wxmini").kind());
        HttpResponse<byte[]> person = http.post("/sim/people", form("id", "zoe", "nickname", "佐伊🌸", "avatar", "https://example.com/z.png"));
        assertEquals("application/json; charset=utf-8", contentType(person));
        assertEquals(sim.openid("zoe", "wxdemo"), json(person).get("openids").get("wxdemo").asText());

        JsonNode apps = json(http.getBytes("/sim/apps"));
        assertEquals(5, apps.size());
        assertEquals("website", apps.get(0).get("kind").asText());
        assertEquals("default", apps.get(0).get("account").asText());
        assertTrue(apps.get(1).get("account").isNull());
        assertEquals("acme", apps.get(2).get("account").asText());
        assertEquals("miniprogram", apps.get(3).get("kind").asText());
        assertTrue(apps.get(3).get("domain").isNull());
        assertEquals("mobile", apps.get(4).get("kind").asText());
        assertTrue(apps.get(4).get("account").isNull());
        assertFalse(apps.toString().contains("s1"), "secrets are not listed");

        JsonNode people = json(http.getBytes("/sim/people"));
        assertEquals("佐伊🌸", people.get(0).get("nickname").asText());
        assertEquals(sim.unionid("zoe"), people.get(0).get("unionid").asText());
        assertEquals("https://example.com/z.png", sim.person("zoe").avatarUrl());
        assertTrue(people.get(0).get("purePhoneNumber").isNull(), "no phone number unless given");

        JsonNode withPhone = json(http.post("/sim/people", form("id", "yan", "nickname", "Yan", "phone", "13800000000")));
        assertEquals("13800000000", withPhone.get("purePhoneNumber").asText());
        assertEquals("86", withPhone.get("countryCode").asText());
        http.post("/sim/people", form("id", "bill", "nickname", "Bill", "phone", "4155550100", "countryCode", "1"));
        assertEquals("1", sim.person("bill").phoneCountryCode());
        assertEquals(400, http.post("/sim/people", form("id", "bad", "nickname", "Bad", "phone", "+86 138")).statusCode());
        assertEquals(3, json(http.getBytes("/sim/people")).size(), "a refused phone number leaves no person behind");
    }

    @Test
    void nextScanFaultsContentTypeCallsAndReset() {
        sim.addWebsiteApp("wxdemo", "s1", "demo.example.com");
        sim.addPerson("zoe", "Zoe", null);

        assertEquals(200, http.post("/sim/next-scan", form("appid", "wxdemo", "person", "zoe")).statusCode());
        String code = params(location(http.getBytes(qrconnect("wxdemo", CB, "s")))).get("code");
        assertEquals(sim.lastCallbackUrl(), http.get("/sim/last-callback"));

        assertEquals(200, http.post("/sim/faults", form("endpoint", "access_token", "fault", "errcode", "errcode", "-1", "times", "2")).statusCode());
        assertEquals(-1, http.exchangeJson("wxdemo", "s1", code).get("errcode").asInt());
        assertEquals(-1, http.exchangeJson("wxdemo", "s1", code).get("errcode").asInt());
        assertTrue(http.exchangeJson("wxdemo", "s1", code).has("access_token"));

        http.post("/sim/faults", form("endpoint", "USERINFO", "fault", "http-status", "status", "502", "always", "true"));
        assertEquals(502, http.getBytes("/sns/userinfo").statusCode());
        assertEquals(502, http.getBytes("/sns/userinfo").statusCode());
        http.post("/sim/faults/clear", form("endpoint", "USERINFO"));
        assertEquals(200, http.getBytes("/sns/userinfo").statusCode());

        http.post("/sim/faults", form("endpoint", "AUTH", "fault", "raw-body", "contentType", "text/xml", "body", "<x/>"));
        assertEquals("<x/>", http.get("/sns/auth"));

        http.post("/sim/content-type", form("value", "application/json; encoding=utf-8"));
        assertEquals("application/json; encoding=utf-8", contentType(http.getBytes("/sns/auth")));

        JsonNode calls = json(http.getBytes("/sim/calls"));
        assertEquals(3, calls.get("ACCESS_TOKEN").asInt());
        assertEquals("3", http.get("/sim/calls?endpoint=ACCESS_TOKEN"));

        http.post("/sim/next-scan", form("appid", "wxdemo", "declined", "true"));
        assertEquals(CB + "?state=s", location(http.getBytes(qrconnect("wxdemo", CB, "s"))));

        assertEquals(200, http.post("/sim/reset", form()).statusCode());
        assertEquals(0, json(http.getBytes("/sim/calls")).get("ACCESS_TOKEN").asInt());
        assertEquals(1, json(http.getBytes("/sim/apps")).size(), "reset keeps apps");
        assertEquals("application/json; encoding=utf-8", contentType(http.getBytes("/sns/auth")), "and switches");
        assertEquals(200, http.post("/sim/restore-defaults", form()).statusCode());
        assertEquals("text/plain", contentType(http.getBytes("/sns/auth")));
    }

    @Test
    void settingsAndClock() {
        HttpResponse<byte[]> r = http.post("/sim/settings", form("cancelMode", "page", "lenientState", "true", "snapshotMode", "on",
                "enforceParamOrder", "false", "allowPortInOaRedirect", "true", "duplicateCallback", "after",
                "duplicateCallbackDelayMillis", "50", "websiteCodeTtlSeconds", "60", "oaCodeTtlSeconds", "30",
                "accessTokenTtlSeconds", "120", "refreshTokenTtlSeconds", "3600", "miniProgramCodeTtlSeconds", "40",
                "mobileAppCodeTtlSeconds", "50", "phoneCodeTtlSeconds", "20", "phoneCountryCodeAsNumber", "true"));
        assertEquals(200, r.statusCode(), text(r));
        JsonNode s = json(http.getBytes("/sim/settings"));
        assertEquals("PAGE", s.get("cancelMode").asText());
        assertTrue(s.get("lenientState").asBoolean());
        assertTrue(s.get("snapshotMode").asBoolean());
        assertFalse(s.get("enforceParamOrder").asBoolean());
        assertEquals("AFTER", s.get("duplicateCallback").asText());
        assertEquals(60, s.get("websiteCodeTtlSeconds").asInt());
        assertEquals(30, s.get("oaCodeTtlSeconds").asInt());
        assertEquals(120, s.get("accessTokenTtlSeconds").asInt());
        assertEquals(40, s.get("miniProgramCodeTtlSeconds").asInt());
        assertEquals(50, s.get("mobileAppCodeTtlSeconds").asInt());
        assertEquals(20, s.get("phoneCodeTtlSeconds").asInt());
        assertTrue(s.get("phoneCountryCodeAsNumber").asBoolean());

        sim.addWebsiteApp("wxdemo", "s1", "demo.example.com");
        sim.addPerson("zoe", "Zoe", null);
        sim.nextScan("wxdemo", "zoe");
        String code = params(location(http.getBytes(qrconnect("wxdemo", CB, "s")))).get("code");
        assertEquals(200, http.post("/sim/clock", form("advanceSeconds", "61")).statusCode());
        assertEquals(40029, http.exchangeJson("wxdemo", "s1", code).get("errcode").asInt());
    }

    @Test
    void badInputIsA400AndWrongMethodsA405() {
        assertEquals(400, http.post("/sim/apps", form("kind", "minigame", "appid", "a", "secret", "s", "domain", "d")).statusCode());
        assertEquals(400, http.post("/sim/apps", form("kind", "miniprogram", "appid", "a", "secret", "s", "domain", "d")).statusCode(),
                "a mini program has no callback domain");
        assertEquals(400, http.post("/sim/apps", form("kind", "oa", "appid", "a", "secret", "s")).statusCode(), "an OA has one");
        assertEquals(400, http.post("/sim/faults", form("endpoint", "NOPE", "fault", "empty-body")).statusCode());
        assertEquals(400, http.post("/sim/faults", form("endpoint", "AUTH", "fault", "teleport")).statusCode());
        assertEquals(400, http.post("/sim/next-scan", form("appid", "wxnobody", "person", "x")).statusCode());
        assertEquals(400, http.post("/sim/replay-callback", form()).statusCode(), "nothing to replay yet");
        assertEquals(405, http.getBytes("/sim/reset").statusCode());
        assertEquals(405, http.post("/sns/../connect/qrconnect".replace("/sns/..", ""), form()).statusCode());
        assertEquals(404, http.getBytes("/cgi-bin/menu/get").statusCode(), "a WeChat API the simulator does not serve");
    }

    @Test
    void helpAndIndexPage() {
        String help = http.get("/sim");
        assertTrue(help.contains("POST /sim/faults"), help);
        assertTrue(help.contains("POST /sim/next-scan"));

        sim.addWebsiteApp("wxdemo", "s1", "demo.example.com");
        sim.addOfficialAccount("wxoademo", "s2", "mp.example.com").unbound();
        sim.addMiniProgram("wxminidemo", "s3");
        sim.addMobileApp("wxmobiledemo", "s4").boundTo("acme");
        sim.addPerson("zoe", "<b>Zoe</b>", null);
        HttpResponse<byte[]> r = http.getBytes("/");
        assertEquals("text/html; charset=utf-8", contentType(r));
        Document index = Jsoup.parse(text(r));
        assertTrue(index.getElementById("apps").text().contains("wxdemo"));
        assertTrue(index.getElementById("apps").text().contains("unbound"));
        assertTrue(index.getElementById("people").text().contains(sim.openid("zoe", "wxdemo")));
        assertTrue(index.getElementById("apps").text().contains("wxminidemo MINI_PROGRAM (none) default"), index.getElementById("apps").text());
        assertTrue(index.getElementById("apps").text().contains("wxmobiledemo MOBILE_APP (none) acme"));
        assertTrue(index.getElementById("people").text().contains(sim.openid("zoe", "wxminidemo")));
        assertTrue(index.getElementById("people").text().contains("(none)"), "zoe has no phone number");
        sim.person("zoe").phone("13800000000", "86");
        assertTrue(Jsoup.parse(http.get("/")).getElementById("people").text().contains("+86 13800000000"));
        assertFalse(text(r).contains("<b>Zoe</b>"), "escaped");
        assertFalse(text(r).contains("s1"), "no secrets");
    }
}

package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Set;

import static io.github.keycloakwechat.simulator.SimHttp.WECHAT_UA;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.location;
import static io.github.keycloakwechat.simulator.SimHttp.oaAuthorize;
import static io.github.keycloakwechat.simulator.SimHttp.params;
import static io.github.keycloakwechat.simulator.SimHttp.qrconnect;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four kinds of app one company registers with WeChat: a website app, an Official Account, a mini program and
 * a mobile app, bound to one Open Platform account (§9): one person, one unionid, a different openid in each.
 */
class AppKindsTest extends SimFixture {

    static final String WEBSITE = "wxweb0000000090";
    static final String OA = "wxoa00000000090";
    static final String MINI = "wxmini000000090";
    static final String MOBILE = "wxmobile0000090";
    static final String CB = "https://sso.example.com/cb";

    @Override
    void addAppsAndPeople() {
        sim.addWebsiteApp(WEBSITE, "web-secret", "sso.example.com");
        sim.addOfficialAccount(OA, "oa-secret", "sso.example.com");
        sim.addMiniProgram(MINI, "mini-secret");
        sim.addMobileApp(MOBILE, "mobile-secret");
        sim.addPerson("lihua", "李华", null);
    }

    @Test
    void miniProgramsAndMobileAppsAreBoundToTheDefaultAccountAndHaveNoCallbackDomain() {
        SimApp mini = sim.app(MINI);
        assertEquals(AppKind.MINI_PROGRAM, mini.kind());
        assertEquals("mini-secret", mini.secret());
        assertEquals(WeChatSimulator.DEFAULT_ACCOUNT, mini.openPlatformAccount());
        assertNull(mini.callbackDomain());
        assertEquals(AppKind.MOBILE_APP, sim.app(MOBILE).kind());
        assertEquals(WeChatSimulator.DEFAULT_ACCOUNT, sim.app(MOBILE).openPlatformAccount());
        assertNull(sim.app(MOBILE).callbackDomain());
    }

    @Test
    void onePersonHasOneUnionidAcrossTheFourAppsOfOneOpenPlatformAccount() {
        String website = http.exchangeJson(WEBSITE, "web-secret", http.scriptedQrCode(WEBSITE, "lihua", CB)).get("unionid").asText();
        sim.nextScan(OA, "lihua");
        String oaCode = params(location(http.getBytes(oaAuthorize(OA, CB, "snsapi_userinfo", "s"), WECHAT_UA))).get("code");
        String officialAccount = http.exchangeJson(OA, "oa-secret", oaCode).get("unionid").asText();
        String mini = json(http.jscode2session(MINI, "mini-secret", sim.miniProgramLoginCode(MINI, "lihua"))).get("unionid").asText();
        JsonNode mobileToken = http.exchangeJson(MOBILE, "mobile-secret", sim.mobileAppCode(MOBILE, "lihua"));

        assertEquals(sim.unionid("lihua"), website);
        assertEquals(website, officialAccount);
        assertEquals(website, mini);
        assertEquals(website, mobileToken.get("unionid").asText());
        JsonNode mobileProfile = json(http.userinfo(mobileToken.get("access_token").asText(), mobileToken.get("openid").asText()));
        assertEquals(website, mobileProfile.get("unionid").asText());
    }

    @Test
    void aMiniProgramBoundToAnotherAccountGivesThatAccountsUnionid() {
        sim.app(MINI).boundTo("acme");
        try {
            String unionid = json(http.jscode2session(MINI, "mini-secret", sim.miniProgramLoginCode(MINI, "lihua"))).get("unionid").asText();
            assertEquals(sim.unionid("lihua", "acme"), unionid);
            assertNotEquals(sim.unionid("lihua"), unionid);
        } finally {
            sim.app(MINI).boundTo(WeChatSimulator.DEFAULT_ACCOUNT);
        }
    }

    @Test
    void onePersonHasADifferentOpenidInEachApp() {
        Set<String> openids = Set.of(sim.openid("lihua", WEBSITE), sim.openid("lihua", OA), sim.openid("lihua", MINI),
                sim.openid("lihua", MOBILE));
        assertEquals(4, openids.size());
        openids.forEach(openid -> assertTrue(openid.matches("o[A-Za-z0-9_-]{27}"), openid));
    }

    @Test
    void theyCanBeUnboundOrBoundToAnotherAccountLikeTheOthers() {
        try (WeChatSimulator other = WeChatSimulator.start(0)) {
            assertFalse(other.addMiniProgram("wxmini1", "s").unbound().bound());
            assertEquals("acme", other.addMobileApp("wxmobile1", "s").boundTo("acme").openPlatformAccount());
        }
    }

    @Test
    void blankAppIdsAndSecretsAreRefusedAndTheWebKindsStillNeedTheirDomain() {
        assertThrows(IllegalArgumentException.class, () -> sim.addMiniProgram(" ", "s"));
        assertThrows(IllegalArgumentException.class, () -> sim.addMobileApp("wxmobile2", ""));
        assertThrows(IllegalArgumentException.class, () -> sim.addWebsiteApp("wxweb2", "s", null));
        assertThrows(IllegalArgumentException.class, () -> sim.addOfficialAccount("wxoa2", "s", ""));
    }

    @Test
    void theirAppIdsCannotStartABrowserLogin() {
        for (String appId : new String[] {MINI, MOBILE}) {
            HttpResponse<byte[]> qr = http.getBytes(qrconnect(appId, CB, "s"));
            assertEquals("该链接无法访问", Jsoup.parse(text(qr)).getElementById("error-title").text(), appId);
            assertTrue(text(qr).contains(appId + " is a m"), text(qr));

            HttpResponse<byte[]> oa = http.getBytes(oaAuthorize(appId, CB, "snsapi_base", "s"), WECHAT_UA);
            assertEquals("10016", Jsoup.parse(text(oa)).getElementById("errcode").text(), appId);
        }
    }
}

package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.DuplicateCallback;
import io.github.keycloakwechat.simulator.SimEndpoint;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.junit.jupiter.api.Test;

/**
 * One person, one Keycloak user, whichever WeChat door they come through: the website QR code, the
 * Official Account inside WeChat, an app that gives only an openid, a repeated callback, or a link an
 * older WeChat plugin created.
 */
class OnePersonOneUserIT extends WeChatScenario {

    static final String IPHONE_WECHAT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN";
    static final String IPHONE_WECOM = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148 wxwork/4.1.6 MicroMessenger/7.0.1 Language/zh ColorScheme/Light";

    static final String IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    private static final String WEB_APP = "wx2a3b4c5d6e7f8091";
    private static final String WEB_SECRET = "it-web-secret-Kd8s";
    private static final String OA_APP = "wx9e8d7c6b5a493827";
    private static final String OA_SECRET = "it-oa-secret-Hq3m";
    private static final String BASE_OA_APP = "wx1b2c3d4e5f607182";
    private static final String BASE_OA_SECRET = "it-base-oa-secret-Tz6y";
    private static final String LATE_APP = "wx5c6d7e8f90a1b2c3";
    private static final String LATE_SECRET = "it-late-secret-Vb1n";


    @Override
    protected String realmPrefix() {
        return "one-person";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(WEB_APP, WEB_SECRET, "localhost");
        sim.addOfficialAccount(OA_APP, OA_SECRET, "localhost");
        sim.addOfficialAccount(BASE_OA_APP, BASE_OA_SECRET, "localhost");
        sim.addWebsiteApp(LATE_APP, LATE_SECRET, "localhost").unbound();
        realm.addWeChat("wechat", WEB_APP, WEB_SECRET,
                Map.of("officialAccountAppId", OA_APP, "officialAccountAppSecret", OA_SECRET));
        realm.addWeChat("wechat-base", WEB_APP, WEB_SECRET, Map.of("officialAccountAppId", BASE_OA_APP,
                "officialAccountAppSecret", BASE_OA_SECRET, "officialAccountScope", "snsapi_base"));
        realm.addWeChat("wechat-no-oa", WEB_APP, WEB_SECRET, Map.of());
        realm.addWeChat("wechat-late", LATE_APP, LATE_SECRET, Map.of());
        realm.addWeChat("weixin", WEB_APP, WEB_SECRET, Map.of());
        realm.addWeChat("wechat-openid-only", WEB_APP, WEB_SECRET, Map.of("brokeredId", "openid",
                "officialAccountAppId", OA_APP, "officialAccountAppSecret", OA_SECRET));
    }

    @Override
    protected void simulatorSwitches() {
        // Keycloak listens on a port here; WeChat's Official Account domain rule forbids ports in production.
        sim.allowPortInOaRedirect(true);
    }

    private WeChatLogin insideWeChat(String alias) {
        return realm.login(alias, new Browser().userAgent(IPHONE_WECHAT));
    }

    @Test
    void insideWeChatThePersonGoesToTheOfficialAccountNotToAQrCode() {
        String url = insideWeChat("wechat").qrConnectUrl();

        assertTrue(url.startsWith(sim.baseUrl() + "/connect/oauth2/authorize?appid=" + OA_APP + "&redirect_uri="), url);
        assertTrue(url.contains("&response_type=code&scope=snsapi_userinfo&state="), url);
        assertTrue(url.endsWith("#wechat_redirect"), url);
        assertTrue(WeChatLogin.queryParam(url, "state").matches("[A-Za-z0-9]{1,128}"));
    }

    @Test
    void theSamePersonThroughTheOfficialAccountAndTheWebsiteIsOneUser() {
        sim.addPerson("wang", "王芳", null);
        realm.signUp(insideWeChat("wechat"), "wang", "wang@example.com");
        int users = realm.userCount();

        WeChatLogin onDesktop = realm.login("wechat");
        assertTrue(onDesktop.qrConnectUrl().contains("/connect/qrconnect?appid=" + WEB_APP));
        String code = onDesktop.scanAsReturning("wang");
        assertNotNull(onDesktop.exchangeForTokens(code).get("access_token"), "signed in without a second review");

        assertEquals(users, realm.userCount(), "no second user");
        JsonNode user = realm.userLinkedTo(sim.unionid("wang"));
        assertEquals(Set.of(OA_APP + ":" + sim.openid("wang", OA_APP), WEB_APP + ":" + sim.openid("wang", WEB_APP)),
                Set.copyOf(realm.attribute(user, "wechat_openid")), "both apps' openids are kept");
        assertNotEquals(sim.openid("wang", OA_APP), sim.openid("wang", WEB_APP), "WeChat gives each app its own openid");
    }

    @Test
    void withIdentifyByOpenidEachAppIsASeparateUserAndNoUnionidIsKept() {
        sim.addPerson("separate", "分开", null);
        int users = realm.userCount();

        realm.signUp("wechat-openid-only", "separate", "separate-web@example.com");
        realm.signUp(insideWeChat("wechat-openid-only"), "separate", "separate-oa@example.com");

        assertEquals(users + 2, realm.userCount(), "one user per app: nothing correlates them");
        JsonNode web = realm.userLinkedTo(sim.openid("separate", WEB_APP));
        assertEquals(List.of(), realm.attribute(web, "wechat_unionid"));
        assertEquals(Map.of("wechat-openid-only", sim.openid("separate", WEB_APP)), realm.links(web));
    }

    @Test
    void silentSnsapiBaseSignInNeverAsksWeChatForTheProfile() {
        sim.addPerson("silent", "静默", null);

        realm.signUp(insideWeChat("wechat-base"), "silent", "silent@example.com");

        assertEquals(0, sim.calls(SimEndpoint.USERINFO), "WeChat answers 48001 to userinfo for snsapi_base");
        JsonNode user = realm.userLinkedTo(sim.openid("silent", BASE_OA_APP));
        assertEquals(List.of(), realm.attribute(user, "wechat_nickname"));
    }

    @Test
    void whatTheAdminApiReturnsForEachSecret() {
        JsonNode config = realm.providerRepresentation("wechat").path("config");

        assertEquals("**********", config.path("clientSecret").asText(), "Keycloak masks the client secret");
        // Keycloak masks only clientSecret; the provider keeps its other secrets out of the config (AdminApiSecretsIT).
        assertEquals("**********", config.path("officialAccountAppSecret").asText());
    }

    @Test
    void insideWeComThePersonGetsTheQrCodeFlowNotTheOfficialAccount() {
        String url = realm.login("wechat", new Browser().userAgent(IPHONE_WECOM)).qrConnectUrl();
        assertTrue(url.contains("/connect/qrconnect?appid=" + WEB_APP), url);
    }

    @Test
    void inAPhoneBrowserThePersonIsToldScanningNeedsASecondDeviceAndCanGoOn() {
        sim.addPerson("phone", "手机", null);
        WeChatLogin login = realm.login("wechat", new Browser().userAgent(IPHONE_SAFARI));
        Browser browser = login.browser();
        browser.stopAt(sim.baseUrl());

        Page hint = browser.get(login.oidcAuthorizationUrl());

        assertEquals(200, hint.status());
        assertTrue(hint.body().contains("to be scanned with WeChat on another device"), hint.toString());
        String next = hint.document().select("#kc-info-message a").attr("href");
        assertTrue(next.startsWith(sim.baseUrl() + "/connect/qrconnect?appid=" + WEB_APP), next);
    }

    @Test
    void insideWeChatWithoutAnOfficialAccountThePersonIsToldToUseABrowser() {
        WeChatLogin login = insideWeChat("wechat-no-oa");
        Browser browser = login.browser();
        browser.stopAt(sim.baseUrl());

        Page page = browser.get(login.oidcAuthorizationUrl());

        assertEquals(200, page.status());
        assertFalse(page.url().startsWith(sim.baseUrl()), "never sent to a QR page it cannot use");
        assertTrue(page.body().contains("open this link in your browser"), page.body());
    }

    @Test
    void aSnapshotPageUserIsNeverCreatedAndIsToldWhatToTap() {
        sim.addPerson("snap", "快照", null);
        sim.snapshotMode(true);
        int users = realm.userCount();

        Page page = insideWeChat("wechat").scanExpectingError("snap");

        assertTrue(page.body().contains("使用完整服务"), page.body());
        assertEquals(users, realm.userCount(), "no user for a snapshot identity");
        assertEquals("snapshot_user", realm.latestEvent("IDENTITY_PROVIDER_LOGIN_ERROR").path("details").path("reason").asText());
    }

    @Test
    void anOpenidUserIsUpgradedToTheUnionidWhenTheAppIsLaterBound() {
        sim.addPerson("late", "后来", null);
        realm.signUp("wechat-late", "late", "late@example.com");
        String openid = sim.openid("late", LATE_APP);
        JsonNode before = realm.userLinkedTo(openid);
        assertEquals(Map.of("wechat-late", openid), realm.links(before));
        int users = realm.userCount();

        sim.app(LATE_APP).boundTo(WeChatSimulator.DEFAULT_ACCOUNT);
        try {
            WeChatLogin again = realm.login("wechat-late");
            again.exchangeForTokens(again.scanAsReturning("late"));
        } finally {
            sim.app(LATE_APP).unbound();
        }

        assertEquals(users, realm.userCount(), "no duplicate");
        JsonNode after = realm.admin().user(realm.name(), before.path("id").asText());
        assertEquals(Map.of("wechat-late", sim.unionid("late")), realm.links(after), "the link now carries the unionid");
        assertEquals(List.of(sim.unionid("late")), realm.attribute(after, "wechat_unionid"));
    }

    @Test
    void aPersonKnownByUnionidArrivingWithOnlyARecordedOpenidIsTheSameUser() {
        sim.addPerson("known", "已知", null);
        realm.signUp(insideWeChat("wechat"), "known", "known@example.com");
        int users = realm.userCount();

        // The Official Account is later unbound from the Open Platform account: WeChat sends the openid only.
        sim.app(OA_APP).unbound();
        try {
            WeChatLogin again = insideWeChat("wechat");
            again.exchangeForTokens(again.scanAsReturning("known"));
        } finally {
            sim.app(OA_APP).boundTo(WeChatSimulator.DEFAULT_ACCOUNT);
        }

        assertEquals(users, realm.userCount());
    }

    @Test
    void weChatsDuplicateCallbackBeforeTheBrowsersDoesNotSpoilTheSignIn() {
        sim.addPerson("dup1", "重复一", null);
        sim.duplicateCallback(DuplicateCallback.BEFORE);
        int users = realm.userCount();

        realm.signUp("wechat", "dup1", "dup1@example.com");

        assertEquals(users + 1, realm.userCount());
        assertEquals(1, sim.calls(SimEndpoint.ACCESS_TOKEN), "the cookie-less duplicate never exchanged the code");
        sim.callbackReplays().forEach(replay -> assertNotEquals(500, replay.status(), replay.toString()));
    }

    @Test
    void aCallbackRepeatedAfterTheSignInLeavesThePersonSignedInAndCreatesNothing() {
        sim.addPerson("dup2", "重复二", null);
        WeChatLogin login = realm.login("wechat");
        realm.signUp(login, "dup2", "dup2@example.com");
        int users = realm.userCount();

        Page again = login.browser().get(sim.lastCallbackUrl());

        assertTrue(again.status() < 500, again.toString());
        assertEquals(users, realm.userCount());
        assertEquals(1, sim.calls(SimEndpoint.ACCESS_TOKEN));
    }

    @Test
    void twoFirstSignInsOfTheSamePersonInTwoBrowsersMakeOneUserAndTheSecondSaysWhy() {
        sim.addPerson("twice", "两次", null);
        int users = realm.userCount();
        WeChatLogin windowA = realm.login("wechat");
        WeChatLogin windowB = realm.login("wechat");
        Page reviewA = windowA.scanAs("twice");

        Page pageB = windowB.scanAs("twice");

        assertTrue(pageB.body().contains("Your account is being created with WeChat in another browser"), pageB.toString());
        assertEquals("first_login_in_progress",
                realm.latestEvent("IDENTITY_PROVIDER_LOGIN_ERROR").path("details").path("reason").asText());
        windowA.exchangeForTokens(windowA.completeProfile(reviewA, "twice@example.com", "Liang", "Ci"));
        assertEquals(users + 1, realm.userCount(), "exactly one user");

        // Browser B tries again once the account exists: signed in as that user.
        WeChatLogin retryB = realm.login("wechat", windowB.browser());
        assertNotNull(retryB.exchangeForTokens(retryB.scanAsReturning("twice")).get("access_token"));
        assertEquals(users + 1, realm.userCount());
    }

    @Test
    void theFirstSignUpsOfARealmAtTheSameTimeAllSucceed() throws Exception {
        // A fresh realm whose first people all sign up at once: nobody stops at a profile step they should not see.
        WeChatRealm fresh = WeChatRealm.create(keycloak, sim, "fresh");
        fresh.addWeChat("wechat", WEB_APP, WEB_SECRET, Map.of());
        List<String> people = List.of("rush1", "rush2", "rush3", "rush4", "rush5", "rush6");
        people.forEach(id -> sim.addPerson(id, "同时" + id, null));

        WeChatRealm.allAtOnce(people, id -> fresh.signUp("wechat", id, id + "@example.com"));

        assertEquals(people.size(), fresh.userCount());
        for (String id : people) {
            JsonNode user = fresh.userLinkedTo(sim.unionid(id));
            assertEquals(List.of(sim.unionid(id)), fresh.attribute(user, "wechat_unionid"), "declared and kept");
        }
    }

    @Test
    void aPersonWhoStartsOverInTheSameBrowserIsNotHeldOff() {
        sim.addPerson("restart", "重来", null);
        Browser browser = new Browser();
        realm.login("wechat", browser).scanAs("restart");   // abandons the review-profile page

        WeChatLogin again = realm.login("wechat", browser);
        again.exchangeForTokens(again.completeProfile(again.scanAs("restart"), "restart@example.com", "Chong", "Lai"));

        realm.userLinkedTo(sim.unionid("restart"));
    }

    @Test
    void anExportedWeixinRealmImportedWithTheWeChatProviderTypeKeepsItsPeople(KeycloakRuntime keycloak) {
        // The documented migration: export the realm with its users, change the provider's type, import.
        sim.addPerson("exported", "导出", null);
        String realmName = "weixin-import-" + System.nanoTime();
        Map<String, Object> provider = Map.of("alias", "weixin", "providerId", "wechat", "enabled", true,
                "config", Map.of("clientId", WEB_APP, "clientSecret", WEB_SECRET,
                        "openBaseUrl", sim.baseUrl(), "apiBaseUrl", realm.serverUrlOf(sim.baseUrl())));
        Map<String, Object> user = Map.of("username", "imported-weixin-user", "enabled", true,
                "email", "imported@example.com", "firstName", "Old", "lastName", "Plugin",
                "federatedIdentities", List.of(Map.of("identityProvider", "weixin",
                        "userId", sim.unionid("exported"), "userName", sim.unionid("exported"))));
        Map<String, Object> client = Map.of("clientId", WeChatRealm.CLIENT_ID, "publicClient", true, "enabled", true,
                "standardFlowEnabled", true, "redirectUris", List.of(WeChatRealm.CLIENT_REDIRECT_URI));
        keycloak.admin().post("/admin/realms", Map.of("realm", realmName, "enabled", true,
                "identityProviders", List.of(provider), "users", List.of(user), "clients", List.of(client))).orThrow();
        WeChatRealm imported = WeChatRealm.existing(keycloak, sim, realmName);

        WeChatLogin login = imported.login("weixin");
        login.exchangeForTokens(login.scanAsReturning("exported"));

        assertEquals(1, imported.userCount(), "the person reached the imported user");
        JsonNode importedUser = imported.onlyUser("imported-weixin-user");
        assertEquals(List.of(WEB_APP + ":" + sim.openid("exported", WEB_APP)), imported.attribute(importedUser, "wechat_openid"));
    }

    @Test
    void linksMadeByTheOldWeixinPluginKeepWorkingUnderTheSameAlias() {
        sim.addPerson("legacy", "老用户", null);
        sim.addPerson("legacyopenid", "老openid", null);
        String byUnionid = realm.createLinkedUser("old-weixin-user", "weixin", sim.unionid("legacy"));
        String byOpenid = realm.createLinkedUser("old-weixin-openid-user", "weixin", sim.openid("legacyopenid", WEB_APP));
        int users = realm.userCount();

        WeChatLogin first = realm.login("weixin");
        first.exchangeForTokens(first.scanAsReturning("legacy"));
        WeChatLogin second = realm.login("weixin");
        second.exchangeForTokens(second.scanAsReturning("legacyopenid"));

        assertEquals(users, realm.userCount(), "both people found their old accounts");
        assertEquals(Map.of("weixin", sim.unionid("legacy")), realm.links(realm.admin().user(realm.name(), byUnionid)));
        assertEquals(Map.of("weixin", sim.unionid("legacyopenid")),
                realm.links(realm.admin().user(realm.name(), byOpenid)), "an openid link moves to the unionid");
    }
}

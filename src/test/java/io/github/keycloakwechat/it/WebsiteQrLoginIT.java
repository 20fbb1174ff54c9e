package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.CleanFailure.Expected;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A person signs in to a Keycloak realm with WeChat's website QR login, against the WeChat simulator.
 * Each test is a user story: what the person sees, what Keycloak stores, which events it records.
 */
class WebsiteQrLoginIT extends WeChatScenario {

    private static final String APP_ID = "wx1f2e3d4c5b6a7980";
    private static final String UNBOUND_APP_ID = "wx0a1b2c3d4e5f6071";
    private static final String SECRET = "it-secret-Zq8Lm2Xv";
    private static final String UNBOUND_SECRET = "it-secret-unbound-Pw4R";


    @Override
    protected String realmPrefix() {
        return "website-qr";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP_ID, SECRET, "localhost");
        sim.addWebsiteApp(UNBOUND_APP_ID, UNBOUND_SECRET, "localhost").unbound();
        realm.addWeChat("wechat", APP_ID, SECRET, Map.of("timeoutMillis", "1500"));
        realm.addWeChat("wechat-unbound", UNBOUND_APP_ID, UNBOUND_SECRET, Map.of());
    }

    @Test
    void keycloakListsWeChatAmongTheSocialProviders(KeycloakRuntime keycloak) {
        JsonNode social = keycloak.admin().get("/admin/serverinfo").orThrow().json().path("socialProviders");
        boolean listed = false;
        for (JsonNode provider : social) {
            listed |= "wechat".equals(provider.path("id").asText()) && "WeChat".equals(provider.path("name").asText());
        }
        assertTrue(listed, "socialProviders: " + social);
    }

    @Test
    void aNewPersonScansCompletesTheirProfileAndIsSignedIn() {
        sim.addPerson("lihua", "李华", "https://thirdwx.qlogo.cn/mmopen/vi_32/lihua/132");
        WeChatLogin login = realm.login("wechat");

        String qrUrl = login.qrConnectUrl();
        assertTrue(qrUrl.startsWith(sim.baseUrl() + "/connect/qrconnect?appid=" + APP_ID + "&redirect_uri="), qrUrl);
        assertTrue(qrUrl.endsWith("#wechat_redirect"), qrUrl);
        String state = WeChatLogin.queryParam(qrUrl, "state");
        assertTrue(state.matches("[A-Za-z0-9]{1,128}"), "WeChat accepts the state: " + state);

        Page review = login.scanAs("lihua");
        assertTrue(review.body().contains("李华"), "review profile is prefilled with the WeChat nickname");
        String code = login.completeProfile(review, "lihua@example.com", "Hua", "Li");
        assertNotNull(login.exchangeForTokens(code).get("access_token"), "signed in: the client gets tokens");

        JsonNode user = realm.userLinkedTo(sim.unionid("lihua"));
        assertEquals("lihua@example.com", user.path("email").asText());
        assertEquals(List.of(sim.unionid("lihua")), realm.attribute(user, "wechat_unionid"));
        assertEquals(List.of(APP_ID + ":" + sim.openid("lihua", APP_ID)), realm.attribute(user, "wechat_openid"));
        assertEquals(List.of("李华"), realm.attribute(user, "wechat_nickname"));
        assertEquals(List.of("https://thirdwx.qlogo.cn/mmopen/vi_32/lihua/132"), realm.attribute(user, "wechat_avatar"));
        assertEquals(Map.of("wechat", sim.unionid("lihua")), realm.links(user));
        assertFalse(realm.events("REGISTER").isEmpty(), "Keycloak recorded the registration");
    }

    @Test
    void aReturningPersonIsSignedInAsTheSameUserWithOneWeChatCall() {
        sim.addPerson("meimei", "韩梅梅", "https://thirdwx.qlogo.cn/mmopen/vi_32/meimei/132");
        realm.signUp("wechat", "meimei", "meimei@example.com");
        int usersBefore = realm.userCount();
        sim.reset();

        WeChatLogin again = realm.login("wechat");
        String code = again.scanAsReturning("meimei");
        assertNotNull(again.exchangeForTokens(code).get("access_token"));

        assertEquals(usersBefore, realm.userCount(), "no new user");
        assertEquals(1, sim.calls(SimEndpoint.ACCESS_TOKEN));
        assertEquals(0, sim.calls(SimEndpoint.USERINFO), "a linked person's profile is not fetched again");
    }

    @Test
    void aPersonWhoDeclinesIsBackOnTheLoginPageWithAMessage() {
        sim.addPerson("xiaoming", "小明", "");
        int usersBefore = realm.userCount();
        WeChatLogin login = realm.login("wechat");
        login.qrConnectUrl();

        Page page = login.decline();

        assertEquals(200, page.status());
        assertTrue(page.body().contains("Access denied when authenticating with WeChat"), page.body());
        assertNotNull(page.document().getElementById("kc-form-login"), "the login form is shown again");
        assertEquals(usersBefore, realm.userCount());
        assertEquals("declined", realm.latestEvent("IDENTITY_PROVIDER_LOGIN_ERROR").path("details").path("reason").asText());
    }

    @Test
    void anExpiredCodeShowsAReadableMessageRecordsTheErrcodeAndCreatesNoUser() {
        sim.addPerson("expired", "过期", "");
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.errcode(40029));
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat").scanExpectingError("expired");

        watch.check("code exchange: 40029 invalid code", page, Expected.wechat(
                "This WeChat sign-in has expired or was already used", "code_invalid", 40029, SimEndpoint.ACCESS_TOKEN.path()));
    }

    @Test
    void aPersonReadingChineseGetsTheMessageInChinese() {
        realm.enableChinese();
        sim.addPerson("zhongwen", "中文", "");
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.errcode(40163));

        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);
        WeChatLogin login = realm.login("wechat", new io.github.keycloakwechat.it.support.Browser()
                .header("Accept-Language", "zh-CN,zh;q=0.9"));
        Page page = login.scanExpectingError("zhongwen");

        watch.check("in Chinese: 40163 code been used", page, Expected.wechat(
                "本次微信登录已过期或已被使用，请重新使用微信登录。", "code_invalid", 40163, SimEndpoint.ACCESS_TOKEN.path()));
    }

    @Test
    void aReplayedCodeIsRefusedByWeChatAndThePersonCanStartAgain() {
        sim.addPerson("replay", "重放", "");
        realm.signUp("wechat", "replay", "replay@example.com");
        String usedCallback = realm.lastCallbackUrl();
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET, WeChatLogin.queryParam(usedCallback, "code"));

        // A fresh login in the same browser, but WeChat's callback carries the already used code.
        WeChatLogin login = realm.login("wechat");
        String state = WeChatLogin.queryParam(login.qrConnectUrl(), "state");
        Page page = login.callback(WeChatLogin.queryParam(usedCallback, "code"), state);

        watch.check("code exchange: 40163 code been used (a real replay)", page, Expected.wechat(
                "This WeChat sign-in has expired or was already used", "code_invalid", 40163, SimEndpoint.ACCESS_TOKEN.path()));
    }

    @Test
    void aCallbackWithAnUnknownStateGetsAClearPageNotAnError500() {
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.newBrowser().get(realm.callbackUrl("wechat") + "?code=abc&state=NotAHandleWeIssued");

        watch.check("state malformed (not a handle)", page,
                Expected.page(400, "This WeChat sign-in link has expired or was already used", "state_invalid"));
    }

    @ParameterizedTest(name = "Content-Type: {1}")
    @CsvSource(delimiter = '|', value = {
            "plain|text/plain|小龙🐉🌸 Ünïcødé",
            "encoding|application/json; encoding=utf-8|阿强💪"})
    void anEmojiNicknameArrivesIntactWhateverCharsetWeChatDeclares(String personId, String contentType, String nickname) {
        sim.addPerson(personId, nickname, "");
        sim.contentType(contentType);

        realm.signUp("wechat", personId, personId + "@example.com");

        JsonNode user = realm.userLinkedTo(sim.unionid(personId));
        assertEquals(List.of(nickname), realm.attribute(user, "wechat_nickname"));
    }

    @Test
    void aMalformedProfileAnswerShowsWeChatIsUnavailableAndCreatesNoUser() {
        sim.addPerson("malformed", "坏", "");
        sim.faults().once(SimEndpoint.USERINFO, Fault.malformedJson());
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat").scanExpectingError("malformed");

        watch.check("truncated JSON (profile)", page, Expected.wechat(
                "WeChat could not be reached, or its answer could not be read", "wechat_unavailable", null, "/sns/userinfo"));
    }

    @Test
    void aWeChatSlowerThanTheTimeoutDoesNotHangTheLogin() {
        sim.addPerson("slow", "慢", "");
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.delay(Duration.ofSeconds(6)));
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        long started = System.nanoTime();
        Page page = realm.login("wechat").scanExpectingError("slow");
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertTrue(seconds < 5, "answered after " + seconds + " s, the configured timeout is 1.5 s");
        watch.check("code exchange slower than the timeout (1.5 s)", page, Expected.wechat(
                "WeChat could not be reached", "wechat_unavailable", null, SimEndpoint.ACCESS_TOKEN.path()));
    }

    @Test
    void withAnAppNotBoundToAnOpenPlatformAccountTheOpenidIsTheIdentity() {
        sim.addPerson("unbound", "无联合", "");

        realm.signUp("wechat-unbound", "unbound", "unbound@example.com");

        String openid = sim.openid("unbound", UNBOUND_APP_ID);
        JsonNode user = realm.userLinkedTo(openid);
        assertEquals(Map.of("wechat-unbound", openid), realm.links(user));
        assertEquals(List.of(), realm.attribute(user, "wechat_unionid"));
        assertEquals(List.of(UNBOUND_APP_ID + ":" + openid), realm.attribute(user, "wechat_openid"));
    }

    @Test
    void theAppSecretCanBeAVaultReference(KeycloakRuntime keycloak) {
        keycloak.putVaultSecret(realm.name(), "wechatsecret", SECRET);
        realm.addWeChat("wechat-vault", APP_ID, "${vault.wechatsecret}", Map.of());
        sim.addPerson("vaulted", "保险库", null);

        realm.signUp("wechat-vault", "vaulted", "vaulted@example.com");

        // The admin API shows the reference, which is no secret; the secret stays in the vault.
        assertEquals("${vault.wechatsecret}",
                realm.providerRepresentation("wechat-vault").path("config").path("clientSecret").asText());

        realm.userLinkedTo(sim.unionid("vaulted"));
    }

    @Test
    void aVaultReferenceThatDoesNotResolveTellsThePersonItIsMisconfiguredNotA500() {
        realm.addWeChat("wechat-vault-missing", APP_ID, "${vault.nosuchsecret}", Map.of());
        sim.addPerson("novault", "无", null);
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat-vault-missing").scanExpectingError("novault");

        watch.check("AppSecret: a vault reference that does not resolve", page,
                Expected.page(200, "Signing in with WeChat is not set up correctly", "vault_secret_unresolved"));
        assertEquals(0, sim.calls(SimEndpoint.ACCESS_TOKEN), "WeChat is not called with a wrong secret");
    }

    @Test
    void theAppSecretNeverAppearsInTheServerLogOrTheAdminApi(KeycloakRuntime keycloak) {
        sim.addPerson("secretive", "密", "");
        realm.signUp("wechat", "secretive", "secretive@example.com");

        assertFalse(keycloak.serverLog().contains(SECRET), "the AppSecret is not logged, even with our classes at TRACE");
        assertEquals("**********", realm.providerRepresentation("wechat").path("config").path("clientSecret").asText());
    }
}

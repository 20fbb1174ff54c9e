package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.CleanFailure.Expected;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.it.support.QrImageUrl;
import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.PushDelivery;
import io.github.keycloakwechat.simulator.PushMode;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Test;

/**
 * Follow the Official Account to sign in (关注公众号登录): the login page shows the Official Account's QR code, made
 * for this page alone; the person scans it with WeChat, WeChat pushes the signed event to Keycloak's message
 * endpoint, and the page continues to review profile (a new person) or straight in (a returning one). Who signed
 * in comes only from the verified push. {@code FollowQrBrowserIT} runs the same in Chromium.
 */
class FollowToSignInIT extends WeChatScenario {

    private static final String WEBSITE = "wx3c4d5e6f7a8b9c0d";
    private static final String OA = "wx4d5e6f7a8b9c0d1e";
    /** An Official Account of its own, whose app access token no test has fetched yet. */
    private static final String OA_COLD = "wx5e6f7a8b9c0d1e2f";
    private static final String SECRET = "follow-sign-in-secret-Xq2";
    private static final String TOKEN = "FollowToken2026";
    private static final String AES_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";

    @Override
    protected String realmPrefix() {
        return "follow";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(WEBSITE, SECRET, "localhost");
        sim.addOfficialAccount(OA, SECRET, "localhost");
        sim.addOfficialAccount(OA_COLD, SECRET, "localhost");
        realm.admin().put("/admin/realms/" + realm.name(), Map.of("loginTheme", "wechat")).orThrow();
        realm.addWeChat("wechat", WEBSITE, SECRET, follow(OA, Map.of("timeoutMillis", "1000")));
        realm.addWeChat("wechat-safe", WEBSITE, SECRET, follow(OA, Map.of("officialAccountEncodingAesKey", AES_KEY)));
        realm.addWeChat("wechat-cold", WEBSITE, SECRET, follow(OA_COLD, Map.of()));
        realm.addWeChat("wechat-button", WEBSITE, SECRET, Map.of());
        // No website application: the Official Account's AppID and AppSecret in Client ID and Client secret too.
        realm.addWeChat("wechat-oa-only", OA, SECRET, follow(OA, Map.of()));
    }

    private static Map<String, String> follow(String officialAccount, Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of("officialAccountAppId", officialAccount,
                "officialAccountAppSecret", SECRET, "officialAccountToken", TOKEN, "kcTheme-followQr", "true"));
        config.putAll(more);
        return config;
    }

    @Override
    protected void simulatorSwitches() {
        sim.pushTimeout(Duration.ofSeconds(5));
        sim.allowPortInOaRedirect(true);
        sim.configureMessageServer(OA, messages(realm, "wechat"), TOKEN, null, PushMode.PLAIN);
    }

    private String messages(WeChatRealm target, String alias) {
        return keycloak.baseUrl() + "/realms/" + target.name() + "/broker/" + alias + "/endpoint/messages";
    }

    private OidcLogin oidc() {
        return OidcLogin.of(keycloak, realm.name(), WeChatRealm.CLIENT_ID, WeChatRealm.CLIENT_REDIRECT_URI);
    }

    @Test
    void theLoginPageShowsTheOfficialAccountsQrCodeMadeForThisPageAlone() {
        Browser browser = new Browser();
        Page login = oidc().open(browser);

        Element panel = login.document().selectFirst("[data-wechat-qr=wechat]");
        assertNotNull(panel, login.toString());
        assertEquals("wechat_follow_qr", panel.attr("data-frame-param"));
        assertTrue(panel.text().contains("Scan with WeChat to follow us and sign in"), panel.outerHtml());
        assertNull(login.document().selectFirst("[data-wechat-qr=wechat-button]"), "the other provider keeps its button");
        assertEquals("frame-src 'self'; frame-ancestors 'self'; object-src 'none';", login.header("Content-Security-Policy"),
                "the login page's own policy is Keycloak's default");

        FollowQr qr = FollowQr.open(browser, login, "wechat");
        assertEquals(200, qr.frame().status(), qr.frame().toString());
        assertTrue(qr.image().attr("src").startsWith(sim.baseUrl() + "/cgi-bin/showqrcode?ticket="), qr.image().outerHtml());
        assertEquals("no-referrer", qr.image().attr("referrerpolicy"));
        assertEquals(1800, qr.expiresIn(), "the realm's login timeout");
        assertEquals("waiting", qr.status());
        Page image = browser.get(qr.image().attr("src"));
        assertEquals(200, image.status());
        assertEquals("image/png", image.header("Content-Type"));

        String csp = qr.frame().document().selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
        assertTrue(csp.startsWith("default-src 'none'; script-src 'self';"), csp);
        assertTrue(csp.contains("img-src " + sim.baseUrl() + ";"), "images from WeChat's QR host only: " + csp);
        for (Element script : qr.frame().document().select("script")) {
            String src = URI.create(qr.frame().url()).resolve(script.attr("src")).toString();
            assertTrue(src.startsWith(keycloak.baseUrl() + "/resources/"), "only our own script: " + script.outerHtml());
        }

        FollowQr another = FollowQr.open(browser, oidc().open(browser), "wechat");
        assertNotEquals(qr.ticket(), another.ticket(), "every login page its own QR code");
        assertFalse(qr.frame().body().contains(qr.box().attr("data-status-url").replaceAll(".*state=", "scene=")),
                "the page knows its handle, not the scene WeChat pushes");
    }

    @Test
    void aNewPersonFollowsReviewsTheirProfileAndIsTheSameUserOnTheWebsiteQrCode() {
        sim.addPerson("follow-new", "新关注者", null);
        Browser browser = new Browser();
        OidcLogin oidc = oidc();
        FollowQr qr = FollowQr.open(browser, oidc.open(browser), "wechat");

        PushDelivery push = sim.scanQrTicket(qr.ticket(), "follow-new");

        assertEquals("subscribe", push.event(), "someone new follows the account");
        assertEquals(PushDelivery.Status.ACKNOWLEDGED, push.status(), String.valueOf(push.lastAttempt()));
        assertTrue(sim.follows(OA, "follow-new"));
        assertEquals("scanned", qr.status());
        WeChatLogin login = new WeChatLogin(browser, oidc, sim);
        Page review = qr.continueSignIn();
        login.exchangeForTokens(login.completeProfile(review, "follow-new@example.com", "Xin", "Guanzhu"));

        JsonNode user = realm.userLinkedTo(sim.unionid("follow-new"));
        assertTrue(realm.attribute(user, "wechat_openid").contains(OA + ":" + sim.openid("follow-new", OA)),
                "the Official Account's openid is kept: " + user);
        JsonNode registered = realm.latestEvent("REGISTER");
        assertEquals("wechat", registered.path("details").path("identity_provider").asText(), registered.toString());

        int users = realm.userCount();
        realm.login("wechat").scanAsReturning("follow-new");
        assertEquals(users, realm.userCount(), "the website QR code finds the same user");
        realm.login("wechat", new Browser().userAgent(OnePersonOneUserIT.IPHONE_WECHAT)).scanAsReturning("follow-new");
        assertEquals(users, realm.userCount(), "and so does the Official Account inside WeChat");
    }

    @Test
    void aFollowerWhoSignedUpOnTheWebsiteIsSignedInStraightAway() {
        sim.addPerson("follow-known", "老朋友", null);
        realm.signUp("wechat", "follow-known", "follow-known@example.com");
        sim.follow(OA, "follow-known");
        String userId = realm.userLinkedTo(sim.unionid("follow-known")).path("id").asText();
        Browser browser = new Browser();
        OidcLogin oidc = oidc();
        FollowQr qr = FollowQr.open(browser, oidc.open(browser), "wechat");

        PushDelivery push = sim.scanQrTicket(qr.ticket(), "follow-known");

        assertEquals("SCAN", push.event(), "a follower scans");
        String code = oidc.code(qr.continueSignIn());
        JsonNode tokens = oidc.exchangeCode(code);
        assertEquals(userId, OidcLogin.claims(tokens.path("access_token").asText()).path("sub").asText());
        JsonNode login = realm.latestEvent("LOGIN");
        assertEquals("wechat", login.path("details").path("identity_provider").asText(), login.toString());
    }

    @Test
    void aSecondScanOfTheSameCodeDoesNotChangeWhoSignsIn() {
        sim.addPerson("follow-first", "第一位", null);
        sim.addPerson("follow-second", "第二位", null);
        realm.signUp("wechat", "follow-first", "follow-first@example.com");
        String first = realm.userLinkedTo(sim.unionid("follow-first")).path("id").asText();
        Browser browser = new Browser();
        OidcLogin oidc = oidc();
        FollowQr qr = FollowQr.open(browser, oidc.open(browser), "wechat");
        int users = realm.userCount();

        sim.scanQrTicket(qr.ticket(), "follow-first");
        PushDelivery second = sim.scanQrTicket(qr.ticket(), "follow-second");

        assertEquals(PushDelivery.Status.ACKNOWLEDGED, second.status(), "WeChat hears success and stops");
        String code = oidc.code(qr.continueSignIn());
        assertEquals(first, OidcLogin.claims(oidc.exchangeCode(code).path("access_token").asText()).path("sub").asText());
        assertEquals(users, realm.userCount(), "nobody was created for the second scan");
    }

    @Test
    void aScanPushedToAnotherProviderOrRealmSignsNobodyIn() {
        sim.addPerson("follow-astray", "走错门", null);
        WeChatRealm other = WeChatRealm.create(keycloak, sim, "follow-other");
        other.addWeChat("wechat", WEBSITE, SECRET, follow(OA, Map.of()));
        Browser browser = new Browser();
        FollowQr qr = FollowQr.open(browser, oidc().open(browser), "wechat");

        sim.configureMessageServer(OA, messages(other, "wechat"), TOKEN, null, PushMode.PLAIN);
        PushDelivery toOtherRealm = sim.scanQrTicket(qr.ticket(), "follow-astray");
        sim.configureMessageServer(OA, messages(realm, "wechat-cold"), TOKEN, null, PushMode.PLAIN);
        PushDelivery toOtherProvider = sim.scanQrTicket(qr.ticket(), "follow-astray");

        assertEquals(PushDelivery.Status.ACKNOWLEDGED, toOtherRealm.status(), String.valueOf(toOtherRealm.lastAttempt()));
        assertEquals(PushDelivery.Status.ACKNOWLEDGED, toOtherProvider.status(), String.valueOf(toOtherProvider.lastAttempt()));
        assertEquals("waiting", qr.status(), "the scene belongs to this realm's provider alone");
        assertEquals(0, other.userCount());
    }

    @Test
    void theBrowserCannotSignInByItselfAndNoParameterNamesThePerson() {
        sim.addPerson("follow-victim", "受害者", null);
        realm.signUp("wechat", "follow-victim", "follow-victim@example.com");
        Browser browser = new Browser();
        OidcLogin oidc = oidc();
        FollowQr qr = FollowQr.open(browser, oidc.open(browser), "wechat");
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET, TOKEN);

        Page early = browser.get(qr.signInUrl() + "&openid=" + sim.openid("follow-victim", OA)
                + "&unionid=" + sim.unionid("follow-victim"));

        watch.check("finish before any scan, naming someone in the URL", early,
                Expected.page(200, "This QR code has not been scanned yet", "follow_not_scanned"));
        assertEquals(0, sim.calls(SimEndpoint.USER_INFO), "WeChat was not asked about anybody");

        // A handle of the website flow brought to the follow endpoint is refused too.
        WeChatLogin website = realm.login("wechat-button");
        String state = WeChatLogin.queryParam(website.qrConnectUrl(), "state");
        Page crossed = website.browser().get(realm.callbackUrl("wechat-button") + "/follow?state=" + state);
        watch.check("a website sign-in's handle at the follow endpoint", crossed,
                Expected.page(400, "This WeChat sign-in link has expired or was already used", "state_invalid"));

        // The login page it is back on has a new QR code, which signs in whoever scans it.
        sim.addPerson("follow-real", "本人", null);
        FollowQr fresh = FollowQr.open(browser, early, "wechat");
        assertNotEquals(qr.ticket(), fresh.ticket());
        sim.scanQrTicket(fresh.ticket(), "follow-real");
        new WeChatLogin(browser, oidc, sim).completeProfile(fresh.continueSignIn(), "follow-real@example.com", "Ben", "Ren");
        realm.userLinkedTo(sim.unionid("follow-real"));
    }

    @Test
    void withoutAWebsiteApplicationTheButtonShowsTheOfficialAccountsCodeOnAPageOfItsOwn() {
        sim.configureMessageServer(OA, messages(realm, "wechat-oa-only"), TOKEN, null, PushMode.PLAIN);
        sim.addPerson("follow-oa-only", "只有公众号", null);
        for (String userAgent : List.of(Browser.DESKTOP_CHROME_USER_AGENT, OnePersonOneUserIT.IPHONE_SAFARI)) {
            Browser browser = new Browser().userAgent(userAgent);
            OidcLogin oidc = oidc().idpHint("wechat-oa-only");

            Page page = oidc.open(browser);

            assertEquals(200, page.status(), page.toString());
            assertTrue(page.url().contains("/broker/wechat-oa-only/login"), "no redirect to WeChat: " + page.url());
            assertEquals("Scan with WeChat to follow us and sign in",
                    page.document().selectFirst(".wechat-follow__title").text());
            assertTrue(page.document().getElementById("wechat-qr").hasAttr("data-restart-url"), page.toString());
        }
        Browser browser = new Browser();
        OidcLogin oidc = oidc().idpHint("wechat-oa-only");
        Page page = oidc.open(browser);
        String src = page.document().selectFirst("img.wechat-follow__code").attr("src");
        sim.scanQrTicket(QrImageUrl.ticket(src), "follow-oa-only");
        Page review = browser.get(URI.create(page.url()).resolve(
                page.document().getElementById("wechat-qr").attr("data-sign-in-url")).toString());
        new WeChatLogin(browser, oidc, sim).completeProfile(review, "follow-oa-only@example.com", "Zhi", "You");

        realm.userLinkedTo(sim.unionid("follow-oa-only"));
        assertEquals(0, sim.calls(SimEndpoint.QRCONNECT), "the website application's QR page was never used");
    }

    @Test
    void whenWeChatGivesNoQrCodeThePageSaysSoAndThePasswordFormStillWorks() {
        realm.admin().post("/admin/realms/" + realm.name() + "/users", Map.of("username", "follow-pat", "enabled", true,
                "email", "follow-pat@example.com", "firstName", "Pat", "lastName", "Password",
                "credentials", List.of(Map.of("type", "password", "value", "pat-password-1", "temporary", false))))
                .orThrow();
        record Outage(String story, Fault fault, Integer errcode) {
        }
        for (Outage outage : List.of(new Outage("qrcode/create answers errcode 45009", Fault.errcode(45009), 45009),
                new Outage("qrcode/create answers HTTP 502", Fault.httpStatus(502), null),
                new Outage("qrcode/create does not answer within the timeout", Fault.delay(Duration.ofSeconds(3)), null))) {
            sim.faults().clear();
            sim.faults().always(SimEndpoint.QRCODE_CREATE, outage.fault());
            realm.admin().clearEvents(realm.name());
            Browser browser = new Browser();
            OidcLogin oidc = oidc();
            Page login = oidc.open(browser);
            FollowQr qr = FollowQr.open(browser, login, "wechat");

            assertEquals(200, qr.frame().status(), outage.story() + ": " + qr.frame());
            assertTrue(qr.frame().document().text().contains("WeChat sign-in is unavailable right now"),
                    outage.story() + ": " + qr.frame());
            assertEquals("unavailable", qr.box().attr("data-state"));
            JsonNode event = realm.latestEvent("IDENTITY_PROVIDER_LOGIN_ERROR");
            assertEquals("follow_qr_unavailable", event.path("details").path("reason").asText(), event.toString());
            assertEquals("/cgi-bin/qrcode/create", event.path("details").path("wechat_endpoint").asText(), event.toString());
            assertEquals(outage.errcode() == null ? "" : String.valueOf(outage.errcode()),
                    event.path("details").path("wechat_errcode").asText(), event.toString());

            FormElement form = (FormElement) login.document().getElementById("kc-form-login");
            String action = form.attr("action");
            String code = WeChatLogin.queryParam(action, "session_code");
            form.attr("action", action.replace("session_code=" + code,
                    "session_code=" + qr.box().attr("data-session-code")));
            Page signedIn = browser.submit(form, Map.of("username", "follow-pat", "password", "pat-password-1"));
            assertNotNull(oidc.code(signedIn), outage.story() + ": the password still signs Pat in");
        }
        sim.faults().clear();
    }

    @Test
    void whenUserInfoFailsTheSignInFailsCleanlyAndNobodyIsCreated() {
        sim.addPerson("follow-unlucky", "运气不好", null);
        Browser browser = new Browser();
        FollowQr qr = FollowQr.open(browser, oidc().open(browser), "wechat");
        sim.scanQrTicket(qr.ticket(), "follow-unlucky");
        sim.faults().once(SimEndpoint.USER_INFO, Fault.errcode(45009));
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET, TOKEN);

        Page page = qr.continueSignIn();

        watch.check("user/info answers 45009", page, Expected.wechat("WeChat is busy", "wechat_busy", 45009,
                "/cgi-bin/user/info"));
    }

    @Test
    void anAppAccessTokenWeChatDroppedIsReplacedOnce() {
        Browser browser = new Browser();
        FollowQr.open(browser, oidc().open(browser), "wechat"); // the token is in the cluster's cache now
        sim.invalidateAppAccessTokens(OA);
        int fetched = sim.calls(SimEndpoint.STABLE_TOKEN);

        FollowQr qr = FollowQr.open(browser, oidc().open(browser), "wechat");

        assertEquals("waiting", qr.status(), qr.frame().toString());
        assertEquals(fetched + 1, sim.calls(SimEndpoint.STABLE_TOKEN), "one new token, with force_refresh");
    }

    @Test
    void fiftyLoginPagesOpenedAtOnceFetchTheAppAccessTokenOnce() throws Exception {
        List<String> pages = IntStream.range(0, 50).mapToObj(i -> "page-" + i).toList();
        List<String> tickets = Collections.synchronizedList(new ArrayList<>());

        WeChatRealm.allAtOnce(pages, page -> {
            Browser browser = new Browser();
            tickets.add(FollowQr.open(browser, oidc().open(browser), "wechat-cold").ticket());
        });

        assertEquals(1, sim.calls(SimEndpoint.STABLE_TOKEN), "one token fetch for 50 pages");
        assertEquals(50, sim.calls(SimEndpoint.QRCODE_CREATE));
        assertEquals(50, new HashSet<>(tickets).size(), "50 pages, 50 QR codes");
    }

    @Test
    void inSafeModeTheEncryptedPushSignsThePersonIn() {
        sim.addPerson("follow-safe", "安全模式", null);
        realm.signUp("wechat-safe", "follow-safe", "follow-safe@example.com");
        String userId = realm.userLinkedTo(sim.unionid("follow-safe")).path("id").asText();
        sim.configureMessageServer(OA, messages(realm, "wechat-safe"), TOKEN, AES_KEY, PushMode.SAFE);
        Browser browser = new Browser();
        OidcLogin oidc = oidc();
        FollowQr qr = FollowQr.open(browser, oidc.open(browser), "wechat-safe");

        PushDelivery push = sim.scanQrTicket(qr.ticket(), "follow-safe");

        assertTrue(push.lastAttempt().bodyText().contains("<Encrypt>"), push.lastAttempt().bodyText());
        assertFalse(push.lastAttempt().bodyText().contains("FromUserName"), "safe mode: nothing in the clear");
        String code = oidc.code(qr.continueSignIn());
        assertEquals(userId, OidcLogin.claims(oidc.exchangeCode(code).path("access_token").asText()).path("sub").asText());
    }
}

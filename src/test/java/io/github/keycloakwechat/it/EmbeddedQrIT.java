package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Test;

/**
 * The embedded QR code: with the "wechat" login theme and the provider's "Embedded QR code" switch on, the
 * login page carries a panel whose frame shows WeChat's QR page in a sandboxed iframe built by Keycloak (no
 * WeChat script). Checked here over HTTP, what the page and its frame say; {@code RealBrowserIT} scans it in
 * Chromium.
 */
class EmbeddedQrIT extends WeChatScenario {

    private static final String APP = "wx5a6b7c8d9e0f1a2b";
    private static final String SECRET = "embedded-qr-secret-Pw4";

    @Override
    protected String realmPrefix() {
        return "embedded-qr";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP, SECRET, "localhost");
        realm.admin().put("/admin/realms/" + realm.name(), Map.of("loginTheme", "wechat")).orThrow();
        realm.addWeChat("wechat", APP, SECRET, Map.of("kcTheme-embeddedQr", "true"));
        realm.addWeChat("wechat-button", APP, SECRET, Map.of());
    }

    private OidcLogin oidc() {
        return OidcLogin.of(keycloak, realm.name(), WeChatRealm.CLIENT_ID, WeChatRealm.CLIENT_REDIRECT_URI);
    }

    @Test
    void theLoginPageCarriesTheQrPanelOnlyForTheProviderThatHasItSwitchedOn() {
        Page login = oidc().open(new Browser());

        Element panel = login.document().selectFirst("[data-wechat-qr=wechat]");
        assertNotNull(panel, "QR panel for the provider with the switch on");
        assertTrue(panel.attr("data-frame-url").contains("/broker/wechat/login?"), panel.outerHtml());
        assertEquals("Open WeChat's sign-in page instead", login.document().getElementById("wechat-open-page-wechat").text(),
                "the fallback link, its apostrophe intact");
        assertNull(login.document().selectFirst("[data-wechat-qr=wechat-button]"), "the other provider keeps its button");
        assertNotNull(login.document().getElementById("social-wechat-button"));
        // The login page itself keeps Keycloak's default frame-src: nothing realm-wide was loosened.
        assertEquals("frame-src 'self'; frame-ancestors 'self'; object-src 'none';", login.header("Content-Security-Policy"));
    }

    @Test
    void theQrFrameShowsWeChatsPageInASandboxedIframeWithTheSameShortStateAsTheFallbackLink() {
        Browser browser = new Browser();
        Page frame = openFrame(browser, oidc().open(browser));

        assertEquals(200, frame.status(), frame.body());
        String src = weChatFrame(frame).attr("src");
        // What wxLogin.js would put in its iframe: qrconnect in jssdk mode, without response_type.
        assertTrue(src.startsWith(sim.baseUrl() + "/connect/qrconnect?appid=" + APP + "&scope=snsapi_login&"), src);
        assertEquals(realm.callbackUrl("wechat"), WeChatLogin.queryParam(src, "redirect_uri"));
        assertEquals("jssdk", WeChatLogin.queryParam(src, "login_type"));
        assertEquals("false", WeChatLogin.queryParam(src, "self_redirect"), "WeChat navigates the whole window");
        assertFalse(src.contains("response_type="), src);
        String state = WeChatLogin.queryParam(src, "state");
        assertTrue(state.matches("[A-Za-z0-9]{1,128}"), state);
        String fallback = frame.document().getElementById("wechat-qr").attr("data-fallback-url");
        assertTrue(fallback.startsWith(sim.baseUrl() + "/connect/qrconnect?appid=" + APP), fallback);
        assertEquals(state, WeChatLogin.queryParam(fallback, "state"), "one sign-in, either way");
        assertEquals("allow-scripts allow-same-origin allow-top-navigation", weChatFrame(frame).attr("sandbox"));
    }

    @Test
    void theQrFrameRunsNoWeChatScriptAndOnlyItLetsWeChatInAsAFrame() {
        Browser browser = new Browser();
        Page frame = openFrame(browser, oidc().open(browser));

        for (Element script : frame.document().select("script")) {
            String src = URI.create(frame.url()).resolve(script.attr("src")).toString();
            assertTrue(src.startsWith(keycloak.baseUrl() + "/resources/"), "only our own script: " + script.outerHtml());
        }
        assertFalse(frame.body().contains("wxLogin"), frame.body());
        Element csp = frame.document().selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertNotNull(csp, frame.body());
        assertTrue(csp.attr("content").startsWith("script-src 'self';"), csp.attr("content"));

        String header = frame.header("Content-Security-Policy");
        assertTrue(header.contains("frame-src 'self' " + sim.baseUrl()), header);
        assertTrue(header.contains("frame-ancestors 'self'"), "only our own login page may frame it: " + header);
        assertEquals("SAMEORIGIN", frame.header("X-Frame-Options"));
    }

    @Test
    void aPersonWhoScansTheEmbeddedCodeIsSignedIn() {
        Browser browser = new Browser();
        OidcLogin oidc = oidc();
        String src = weChatFrame(openFrame(browser, oidc.open(browser))).attr("src");
        sim.addPerson("embedded-lihua", "李华", null);
        sim.nextScan(APP, "embedded-lihua");

        browser.stopAt(oidc.redirectUri());
        Page review = browser.get(src);
        WeChatLogin login = new WeChatLogin(browser, oidc, sim);
        login.exchangeForTokens(login.completeProfile(review, "embedded-lihua@example.com", "Li", "Hua"));

        realm.userLinkedTo(sim.unionid("embedded-lihua"));
    }

    @Test
    void afterTheQrCodeIsShownThePasswordFormStillWorksWithTheCodeTheFrameHandsThePage() {
        realm.admin().post("/admin/realms/" + realm.name() + "/users", Map.of("username", "pat", "enabled", true,
                "email", "pat@example.com", "firstName", "Pat", "lastName", "Password",
                "credentials", List.of(Map.of("type", "password", "value", "pat-password-1", "temporary", false))))
                .orThrow();
        Browser browser = new Browser();
        OidcLogin oidc = oidc();
        Page login = oidc.open(browser);
        Element qr = openFrame(browser, login).document().getElementById("wechat-qr");

        // What the frame's script does to the page: the forms get the action code that is now current.
        FormElement form = (FormElement) login.document().getElementById("kc-form-login");
        String action = form.attr("action");
        String previousCode = WeChatLogin.queryParam(action, "session_code");
        assertFalse(previousCode.equals(qr.attr("data-session-code")), "loading the frame used up the page's code");
        form.attr("action", action.replace("session_code=" + previousCode, "session_code=" + qr.attr("data-session-code")));
        browser.stopAt(oidc.redirectUri());
        Page signedIn = browser.submit(form, Map.of("username", "pat", "password", "pat-password-1"));

        assertNotNull(oidc.code(signedIn), signedIn.toString());
    }

    @Test
    void aPhoneThatAsksForTheFrameAnywayIsToldToUseTheButton() {
        Browser phone = new Browser().userAgent(OnePersonOneUserIT.IPHONE_SAFARI);
        Page frame = openFrame(phone, oidc().open(phone));

        assertEquals(200, frame.status());
        assertNull(frame.document().getElementById("wechat-qr"));
        assertTrue(frame.body().contains("another device"), frame.body());
    }

    private static Page openFrame(Browser browser, Page login) {
        Element panel = login.document().selectFirst("[data-wechat-qr=wechat]");
        assertNotNull(panel, "no QR panel on " + login.url());
        URI frameUrl = URI.create(login.url()).resolve(panel.attr("data-frame-url") + "&wechat_qr_frame=1");
        return browser.get(frameUrl.toString());
    }

    private static Element weChatFrame(Page frame) {
        Element iframe = frame.document().selectFirst("#wechat-qr iframe");
        assertNotNull(iframe, frame.body());
        return iframe;
    }
}

package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.CleanFailure.Expected;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Someone calls Keycloak's WeChat callback ({@code /realms/R/broker/ALIAS/endpoint}) directly: without a state,
 * with a state we never issued, one that was used, one from another browser, huge parameters, or extra
 * {@code openid}/{@code unionid} parameters. No WeChat code is exchanged for a state we cannot vouch for, and
 * identity comes only from WeChat's server-to-server answers. Also covered elsewhere: an expired state
 * ({@link AbandonedSignInsIT}), a malformed state ({@link WebsiteQrLoginIT}), a callback repeated after the
 * sign-in and WeChat's own duplicate callbacks ({@link OnePersonOneUserIT}).
 */
class ForgedCallbacksIT extends WeChatScenario {

    private static final String APP_ID = "wx5e6f708192a3b4c5";
    private static final String SECRET = "it-callback-secret-Nf5d";
    private static final String STATE_INVALID = "This WeChat sign-in link has expired or was already used";
    private static final String OTHER_BROWSER = "This WeChat sign-in was started in another browser";

    @Override
    protected String realmPrefix() {
        return "callbacks";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP_ID, SECRET, "localhost");
        realm.addWeChat("wechat", APP_ID, SECRET, Map.of());
        realm.addWeChat("wechat-other", APP_ID, SECRET, Map.of());
        realm.enableChinese();
    }

    @ParameterizedTest(name = "state: {0}")
    @ValueSource(strings = {"none", "empty", "a well-formed handle we never issued"})
    void aCallbackWithAStateWeNeverIssuedGetsAClearPage(String kind) {
        String query = switch (kind) {
            case "none" -> "?code=061eY9xX08tQu02IH4wX05BjxX0eY9xA";
            case "empty" -> "?code=061eY9xX08tQu02IH4wX05BjxX0eY9xA&state=";
            default -> "?code=061eY9xX08tQu02IH4wX05BjxX0eY9xA&state=Q2hhbmdlVGhpc0hhbmRsZU5vdDEyMzQ1";
        };
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.newBrowser().get(realm.callbackUrl("wechat") + query);

        watch.check("state " + kind, page, Expected.page(400, STATE_INVALID, "state_invalid"));
        assertEquals(0, sim.calls(SimEndpoint.ACCESS_TOKEN), "no code is exchanged");
    }

    @Test
    void aStateIssuedForAnotherWeChatProviderIsRefused() {
        sim.addPerson("crossed", "串号", null);
        WeChatLogin login = realm.login("wechat-other");
        String callback = login.scanAndHoldCallback("crossed");
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = login.openCallback(callback.replace("/broker/wechat-other/", "/broker/wechat/"));

        watch.check("state issued for another provider", page, Expected.page(400, STATE_INVALID, "state_invalid"));
        assertEquals(0, sim.calls(SimEndpoint.ACCESS_TOKEN), "no code is exchanged");
    }

    @Test
    void aStateOfTenKilobytesIsRefused() {
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.newBrowser().get(realm.callbackUrl("wechat") + "?code=abc&state=" + "A".repeat(10 * 1024));

        watch.check("state of 10 KB", page, Expected.page(400, STATE_INVALID, "state_invalid"));
        assertEquals(0, sim.calls(SimEndpoint.ACCESS_TOKEN), "no code is exchanged");
    }

    @ParameterizedTest(name = "code of {0} bytes")
    @ValueSource(ints = {1024, 10 * 1024})
    void aCodeTooLongToBeWeChatsIsNeverSentToWeChat(int length) {
        WeChatLogin login = realm.login("wechat");
        String state = WeChatLogin.queryParam(login.qrConnectUrl(), "state");
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = login.callback("c".repeat(length), state);

        watch.check("code of " + length + " bytes", page, Expected.page(200,
                "This WeChat sign-in has expired or was already used", "code_invalid"));
        assertEquals(0, sim.calls(SimEndpoint.ACCESS_TOKEN), "no code is exchanged");
    }

    @Test
    void aCallbackDeliveredToAnotherBrowserIsRefusedAndTheFirstBrowserStillSignsIn() {
        sim.addPerson("elsewhere", "别处", null);
        WeChatLogin browserA = realm.login("wechat");
        String weChatPage = browserA.qrConnectUrl();
        sim.nextScan(APP_ID, "elsewhere");
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        // The person's phone confirms, but WeChat's redirect is opened in browser B (no Keycloak cookies).
        Browser browserB = realm.newBrowser();
        browserB.stopAt(WeChatRealm.CLIENT_REDIRECT_URI);
        Page page = browserB.get(weChatPage);

        watch.keepSecret(WeChatLogin.queryParam(sim.lastCallbackUrl(), "code"));
        watch.check("callback in another browser", page, Expected.page(400, OTHER_BROWSER, "login_session_not_found"));
        assertEquals(0, sim.calls(SimEndpoint.ACCESS_TOKEN), "browser B exchanged no code");
        assertTrue(realm.events("IDENTITY_PROVIDER_LOGIN_ERROR").stream()
                .anyMatch(event -> "cookie_not_found".equals(event.path("error").asText())), "Keycloak's own event stays");

        int users = realm.userCount();
        realm.signUp(browserA, "elsewhere", "elsewhere@example.com");
        assertEquals(users + 1, realm.userCount(), "browser A finished the sign-in");
        realm.userLinkedTo(sim.unionid("elsewhere"));
    }

    @Test
    void aCallbackReplayedAfterAFailedAttemptExchangesNoSecondCode() {
        sim.addPerson("again", "再来", null);
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.errcode(-1));
        WeChatLogin login = realm.login("wechat");
        login.scanExpectingError("again");
        String callback = sim.lastCallbackUrl();
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET, WeChatLogin.queryParam(callback, "code"));

        Page page = login.browser().get(callback);

        watch.check("callback replayed after a failure", page, Expected.page(400, STATE_INVALID, "state_invalid"));
        assertEquals(1, sim.calls(SimEndpoint.ACCESS_TOKEN), "only the first callback asked WeChat");
    }

    @Test
    void aCallbackReplayedInAnotherBrowserAfterTheSignInCreatesNothing() {
        sim.addPerson("stolen", "偷看", null);
        realm.signUp("wechat", "stolen", "stolen@example.com");
        String callback = sim.lastCallbackUrl();
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET, WeChatLogin.queryParam(callback, "code"));

        Page page = realm.newBrowser().get(callback);

        watch.check("callback replayed in another browser", page, Expected.page(400, OTHER_BROWSER, "login_session_not_found"));
        assertEquals(1, sim.calls(SimEndpoint.ACCESS_TOKEN), "the replay asked WeChat nothing");
    }

    @Test
    void openidAndUnionidInTheCallbackAreIgnored() {
        sim.addPerson("victim", "受害者", null);
        sim.addPerson("intruder", "闯入者", null);
        realm.signUp("wechat", "victim", "victim@example.com");
        JsonNode victim = realm.userLinkedTo(sim.unionid("victim"));
        int users = realm.userCount();

        WeChatLogin login = realm.login("wechat");
        String callback = login.scanAndHoldCallback("intruder");
        Page page = login.openCallback(callback + "&openid=" + sim.openid("victim", APP_ID)
                + "&unionid=" + sim.unionid("victim"));

        // Not signed in as the victim: Keycloak asks the intruder, a new person, for their profile.
        assertTrue(page.body().contains("闯入者"), "review profile for the intruder's own WeChat nickname: " + page);
        String code = login.completeProfile(page, "intruder@example.com", "Chuang", "Ru");
        assertNotNull(login.exchangeForTokens(code).get("access_token"));
        assertEquals(users + 1, realm.userCount());
        JsonNode intruder = realm.userLinkedTo(sim.unionid("intruder"));
        assertEquals(Map.of("wechat", sim.unionid("intruder")), realm.links(intruder), "linked to WeChat's answer");
        assertEquals(Map.of("wechat", sim.unionid("victim")), realm.links(realm.admin().user(realm.name(),
                victim.path("id").asText())), "the victim's link is untouched");
        System.out.printf("OBSERVED | extra openid/unionid in the callback | review profile of the person WeChat named"
                + " | user created: %s (not the injected %s)%n", intruder.path("username").asText(), victim.path("username").asText());
    }

    @ParameterizedTest(name = "in Chinese: {0}")
    @ValueSource(strings = {"no state", "another browser"})
    void aPersonReadingChineseReadsWhyInChinese(String kind) {
        sim.addPerson("zhcallback", "中文回调", null);
        Browser chinese = new Browser().header("Accept-Language", "zh-CN,zh;q=0.9");
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);
        Page page;
        if (kind.equals("no state")) {
            page = chinese.get(realm.callbackUrl("wechat") + "?code=abc");
            watch.check("in Chinese: " + kind, page, Expected.page(400, "此微信登录链接已过期或已被使用", "state_invalid"));
        } else {
            String weChatPage = realm.login("wechat").qrConnectUrl();
            sim.nextScan(APP_ID, "zhcallback");
            page = chinese.get(weChatPage);
            watch.check("in Chinese: " + kind, page, Expected.page(400, "此次微信登录是在另一个浏览器中开始的", "login_session_not_found"));
        }
    }
}

package io.github.keycloakwechat.it;

import java.util.Map;

import io.github.keycloakwechat.it.CleanFailure.Expected;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WeChat refuses a sign-in with an errcode (as HTTP 200, as WeChat does): the person reads what to do, in English
 * or Chinese; the admin finds the errcode in the event and the log; nothing is created; and the same person signs
 * in a moment later, so the failure left nothing behind that holds them off. 40029 and 40163 are covered by
 * {@link WebsiteQrLoginIT} (an expired code, a replayed code).
 */
class WeChatErrorCodesIT extends WeChatScenario {

    private static final String APP_ID = "wx3c4d5e6f708192a3";
    private static final String SECRET = "it-errcodes-secret-Ru7w";

    @Override
    protected String realmPrefix() {
        return "errcodes";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP_ID, SECRET, "localhost");
        realm.addWeChat("wechat", APP_ID, SECRET, Map.of());
        realm.enableChinese();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            code exchange: 40125 invalid appsecret   | ACCESS_TOKEN | 40125 | configuration_error | Signing in with WeChat is not set up correctly on this site
            code exchange: 40013 invalid appid       | ACCESS_TOKEN | 40013 | configuration_error | Signing in with WeChat is not set up correctly on this site
            code exchange: 41002 appid missing       | ACCESS_TOKEN | 41002 | configuration_error | Signing in with WeChat is not set up correctly on this site
            code exchange: 41004 appsecret missing   | ACCESS_TOKEN | 41004 | configuration_error | Signing in with WeChat is not set up correctly on this site
            code exchange: 41008 missing code        | ACCESS_TOKEN | 41008 | wechat_error        | Signing in with WeChat failed. Please try again.
            code exchange: -1 system error           | ACCESS_TOKEN | -1    | wechat_busy         | WeChat is busy right now. Please wait a minute
            code exchange: 45011 minute quota        | ACCESS_TOKEN | 45011 | wechat_busy         | WeChat is busy right now. Please wait a minute
            profile: 40001 invalid credential        | USERINFO     | 40001 | wechat_error        | Signing in with WeChat failed. Please try again.
            profile: 40003 invalid openid            | USERINFO     | 40003 | wechat_error        | Signing in with WeChat failed. Please try again.
            profile: 42001 access_token expired      | USERINFO     | 42001 | wechat_error        | Signing in with WeChat failed. Please try again.
            profile: 48001 api unauthorized          | USERINFO     | 48001 | configuration_error | Signing in with WeChat is not set up correctly on this site
            """)
    void weChatRefusesAFirstSignIn(String story, SimEndpoint endpoint, int errcode, String reason, String message) {
        // A new person: the profile (/sns/userinfo) is fetched only for people Keycloak does not know yet.
        String person = "refused" + (errcode < 0 ? "m" + -errcode : errcode);
        sim.addPerson(person, "拒绝" + errcode, null);
        sim.faults().once(endpoint, Fault.errcode(errcode));
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat").scanExpectingError(person);

        watch.keepSecret(WeChatLogin.queryParam(sim.lastCallbackUrl(), "code"));
        watch.check(story, page, Expected.wechat(message, reason, errcode, endpoint.path()));
        realm.signUpAfterAFailure("wechat", person);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            in Chinese: 40125 invalid appsecret | ACCESS_TOKEN | 40125 | configuration_error | 本网站的微信登录配置有误，请联系管理员。
            in Chinese: -1 system error         | ACCESS_TOKEN | -1    | wechat_busy         | 微信服务繁忙，请稍等一分钟后重新使用微信登录。
            in Chinese: 48001 api unauthorized  | USERINFO     | 48001 | configuration_error | 本网站的微信登录配置有误，请联系管理员。
            """)
    void aPersonReadingChineseReadsWhyInChinese(String story, SimEndpoint endpoint, int errcode, String reason, String message) {
        String person = "zh" + (errcode < 0 ? "m" + -errcode : errcode);
        sim.addPerson(person, "中文" + errcode, null);
        sim.faults().once(endpoint, Fault.errcode(errcode));
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat", new Browser().header("Accept-Language", "zh-CN,zh;q=0.9"))
                .scanExpectingError(person);

        watch.check(story, page, Expected.wechat(message, reason, errcode, endpoint.path()));
    }
}

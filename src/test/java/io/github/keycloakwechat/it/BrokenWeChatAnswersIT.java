package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.github.keycloakwechat.it.CleanFailure.Expected;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.EndlessHttpServer;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.it.support.SelfSignedHttpsServer;
import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WeChat cannot be reached, or answers something that is not a WeChat answer: a gateway's error page, an empty or
 * endless body, JSON of the wrong shape, an answer after the timeout, a closed port, a certificate nobody trusts.
 * The person is told WeChat could not be reached and can try again; nothing is created. A malformed profile
 * answer and a slow code exchange are covered by {@link WebsiteQrLoginIT}.
 */
class BrokenWeChatAnswersIT extends WeChatScenario {

    private static final String APP_ID = "wx4d5e6f708192a3b4";
    private static final String SECRET = "it-transport-secret-Gy2k";
    private static final String UNAVAILABLE = "WeChat could not be reached, or its answer could not be read";
    private static final int TIMEOUT_MILLIS = 1000;

    private SelfSignedHttpsServer untrusted;
    private EndlessHttpServer trickling;
    private EndlessHttpServer flooding;

    @Override
    protected String realmPrefix() {
        return "transport";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP_ID, SECRET, "localhost");
        realm.addWeChat("wechat", APP_ID, SECRET, Map.of("timeoutMillis", String.valueOf(TIMEOUT_MILLIS)));
        realm.addWeChat("wechat-closed-port", APP_ID, SECRET, Map.of("apiBaseUrl", "http://127.0.0.1:" + closedPort()));
        // What a hijacked or intercepted api.weixin.qq.com would look like: a certificate Keycloak does not trust.
        untrusted = SelfSignedHttpsServer.start("{\"access_token\":\"86_untrusted\",\"expires_in\":7200,"
                + "\"openid\":\"oUntrustedOpenid0000000000000\",\"scope\":\"snsapi_login\"}");
        // On the test host: a Keycloak in a container reaches them through its host access.
        realm.addWeChat("wechat-untrusted-tls", APP_ID, SECRET, Map.of("apiBaseUrl", keycloak.reachableFromServer(untrusted.baseUrl())));
        // Answers that never end in time: a byte every 100 ms, or 8 KiB every 10 ms (past the 64 KiB cap at once).
        trickling = EndlessHttpServer.start(1, 100);
        flooding = EndlessHttpServer.start(8192, 10);
        realm.addWeChat("wechat-trickling", APP_ID, SECRET, Map.of("apiBaseUrl", keycloak.reachableFromServer(trickling.baseUrl()),
                "timeoutMillis", String.valueOf(TIMEOUT_MILLIS)));
        realm.addWeChat("wechat-flooding", APP_ID, SECRET, Map.of("apiBaseUrl", keycloak.reachableFromServer(flooding.baseUrl()),
                "timeoutMillis", String.valueOf(TIMEOUT_MILLIS)));
        realm.enableChinese();
    }

    @AfterAll
    void stopServers() {
        for (AutoCloseable server : new AutoCloseable[] {untrusted, trickling, flooding}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // the test JVM ends soon anyway
            }
        }
    }

    static Stream<Arguments> answersThatAreNotWeChats() {
        return Stream.of(
                arguments("HTTP 502 from a gateway in front of WeChat", SimEndpoint.ACCESS_TOKEN, Fault.httpStatus(502)),
                arguments("HTTP 503 while fetching the profile", SimEndpoint.USERINFO, Fault.httpStatus(503)),
                arguments("an HTML error page with HTTP 200", SimEndpoint.ACCESS_TOKEN, Fault.htmlBody()),
                arguments("an empty body", SimEndpoint.ACCESS_TOKEN, Fault.emptyBody()),
                arguments("a body that is not JSON", SimEndpoint.ACCESS_TOKEN, Fault.rawBody("text/plain", "success")),
                arguments("JSON that is not an object (profile)", SimEndpoint.USERINFO, Fault.rawBody("application/json", "[\"openid\"]")),
                arguments("a token answer without openid", SimEndpoint.ACCESS_TOKEN, Fault.missingField("openid")),
                arguments("an openid that is a number", SimEndpoint.ACCESS_TOKEN, Fault.wrongType("openid")),
                arguments("a unionid that is a number", SimEndpoint.ACCESS_TOKEN, Fault.wrongType("unionid")),
                arguments("an answer of 100 KB (at most 64 KiB are read)", SimEndpoint.ACCESS_TOKEN, Fault.oversizedJson(100_000)),
                arguments("the profile answers after the timeout", SimEndpoint.USERINFO,
                        Fault.delay(Duration.ofMillis(TIMEOUT_MILLIS * 5L / 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersThatAreNotWeChats")
    void anAnswerThatIsNotWeChatsTellsThePersonWeChatIsUnavailable(String story, SimEndpoint endpoint, Fault fault) {
        String person = "garbled" + Math.abs(story.hashCode());
        sim.addPerson(person, "乱码", null);
        sim.faults().once(endpoint, fault);
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat").scanExpectingError(person);

        watch.keepSecret(WeChatLogin.queryParam(sim.lastCallbackUrl(), "code"));
        watch.check(story, page, Expected.wechat(UNAVAILABLE, "wechat_unavailable", null, endpoint.path()));
        if (story.contains("timeout")) {
            // Keycloak gave up at the timeout instead of waiting for the answer (timing is too noisy to assert).
            assertTrue(watch.log().contains(endpoint.path() + " could not be reached: SocketTimeoutException"), story);
        }
        realm.signUpAfterAFailure("wechat", person);
    }

    /**
     * An openid becomes the username and the link id (255 characters at most in Keycloak's database): one that is
     * not shaped like WeChat's must stop at the code exchange. Both answers name it, so that nothing else fails first.
     */
    @ParameterizedTest(name = "an openid {0}")
    @ValueSource(strings = {"of 300 characters", "with characters WeChat never uses"})
    void anOpenidThatIsNotAWeChatIdIsRefusedBeforeItBecomesAUsername(String kind) {
        String openid = kind.startsWith("of") ? "o" + "x".repeat(299) : "o <b>x</b> ../admin";
        String json = openid.replace("/", "\\/");
        String person = "oddid" + kind.length();
        sim.addPerson(person, "怪", null);
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.rawBody("text/plain", "{\"access_token\":\"86_odd\","
                + "\"expires_in\":7200,\"openid\":\"" + json + "\",\"scope\":\"snsapi_login\"}"));
        sim.faults().once(SimEndpoint.USERINFO, Fault.rawBody("text/plain", "{\"openid\":\"" + json
                + "\",\"nickname\":\"怪\",\"sex\":0,\"headimgurl\":\"\",\"privilege\":[]}"));
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat").scanExpectingError(person);

        watch.check("an openid " + kind, page,
                Expected.wechat(UNAVAILABLE, "wechat_unavailable", null, SimEndpoint.ACCESS_TOKEN.path()));
        assertTrue(watch.log().contains("field 'openid' is not a WeChat id"), "the log says why");
        sim.faults().clear();
        realm.signUpAfterAFailure("wechat", person);
    }

    @Test
    void aWeChatApiAddressWhereNothingListensTellsThePersonWeChatIsUnavailable() {
        sim.addPerson("refused", "拒绝连接", null);
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat-closed-port").scanExpectingError("refused");

        watch.check("connection refused", page,
                Expected.wechat(UNAVAILABLE, "wechat_unavailable", null, SimEndpoint.ACCESS_TOKEN.path()));
        assertTrue(watch.log().contains("could not be reached: HttpHostConnectException"), "the log says why");
        realm.signUpAfterAFailure("wechat", "refused");
    }

    @Test
    void aWeChatApiWithACertificateNobodyTrustsIsNeverTalkedTo() {
        sim.addPerson("intercepted", "拦截", null);
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat-untrusted-tls").scanExpectingError("intercepted");

        watch.check("untrusted TLS certificate", page,
                Expected.wechat(UNAVAILABLE, "wechat_unavailable", null, SimEndpoint.ACCESS_TOKEN.path()));
        assertEquals(0, untrusted.requests(), "Keycloak sent no request (and so no AppSecret) over the untrusted connection");
        assertTrue(watch.log().contains("could not be reached: SSLHandshakeException"), "the log says why");
    }

    /**
     * An answer that streams for a minute: Keycloak must give up within about the timeout, not hold a worker
     * thread for the minute (the cap used to drain the rest of the body; each read was quick when trickling).
     */
    @ParameterizedTest(name = "an answer that {0}")
    @ValueSource(strings = {"trickles in a byte every 100 ms", "never ends (8 KiB every 10 ms)"})
    void anAnswerThatNeverEndsIsCutOff(String kind) {
        boolean trickle = kind.startsWith("trickles");
        String person = trickle ? "trickled" : "flooded";
        sim.addPerson(person, "没完", null);
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        long started = System.nanoTime();
        Page page = realm.login(trickle ? "wechat-trickling" : "wechat-flooding").scanExpectingError(person);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        watch.check("an answer that " + kind, page,
                Expected.wechat(UNAVAILABLE, "wechat_unavailable", null, SimEndpoint.ACCESS_TOKEN.path()));
        assertTrue(watch.log().contains(trickle ? "could not be reached: SocketTimeoutException" : "body larger than 65536 bytes"),
                "the log says why");
        assertTrue(seconds < 30, "gave up after " + seconds + " s; the answer lasts 60 s");
    }

    @Test
    void aPersonReadingChineseIsToldWeChatCouldNotBeReached() {
        sim.addPerson("zhbroken", "中文乱码", null);
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.htmlBody());
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = realm.login("wechat", new Browser().header("Accept-Language", "zh-CN,zh;q=0.9"))
                .scanExpectingError("zhbroken");

        watch.check("in Chinese: an HTML error page", page, Expected.wechat("暂时无法连接微信，或无法识别微信的响应",
                "wechat_unavailable", null, SimEndpoint.ACCESS_TOKEN.path()));
    }

    /** A port nothing listens on: picked free, then closed again. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

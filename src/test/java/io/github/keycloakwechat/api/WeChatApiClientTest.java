package io.github.keycloakwechat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.SimEndpoint;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

/** The WeChat API client against the simulator: what WeChat answers, and what it answers when things go wrong. */
class WeChatApiClientTest {

    private static final String APP = "wx00112233445566aa";
    private static final String SECRET = "unit-secret";
    private static final String UNBOUND_APP = "wx00112233445566bb";

    private static WeChatSimulator sim;
    private static CloseableHttpClient http;
    private WeChatApiClient api;

    @BeforeAll
    static void startSimulator() {
        sim = WeChatSimulator.start(0);
        sim.addWebsiteApp(APP, SECRET, "sso.example.com");
        sim.addWebsiteApp(UNBOUND_APP, SECRET, "sso.example.com").unbound();
        sim.addPerson("ada", "阿达🌸", "https://thirdwx.qlogo.cn/mmopen/vi_32/ada/132");
        http = HttpClients.createDefault();
    }

    @AfterAll
    static void stop() throws IOException {
        http.close();
        sim.close();
    }

    @BeforeEach
    void fresh() {
        sim.reset();
        sim.restoreDefaults();
        api = new WeChatApiClient(http, JsonSerialization.mapper, sim.baseUrl(), Duration.ofMillis(800));
    }

    /** A code as WeChat would hand it to the browser after the person scans. */
    private static String scan(String appId, String personId) throws Exception {
        sim.nextScan(appId, personId);
        String url = sim.baseUrl() + "/connect/qrconnect?appid=" + appId
                + "&redirect_uri=https%3A%2F%2Fsso.example.com%2Fcb&response_type=code&scope=snsapi_login&state=s1";
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*[?&]code=([^&#]+).*", "$1");
    }

    @Test
    void exchangesACodeAndReadsTheProfile() throws Exception {
        WeChatAccessToken token = api.exchangeCode(APP, SECRET, scan(APP, "ada"));

        assertEquals(sim.openid("ada", APP), token.openid());
        assertEquals(sim.unionid("ada"), token.unionid());
        assertEquals("snsapi_login", token.scope());
        assertFalse(token.snapshotUser());
        assertEquals(7200, token.expiresIn());

        WeChatUserInfo profile = api.userInfo(token.accessToken(), token.openid());
        assertEquals("阿达🌸", profile.nickname(), "UTF-8 under text/plain without charset");
        assertEquals("https://thirdwx.qlogo.cn/mmopen/vi_32/ada/132", profile.headimgurl(), "escaped slashes read");
        assertEquals(sim.unionid("ada"), profile.unionid());
    }

    @Test
    void theCodeExchangeIsAGetWithTheDocumentedQueryParameters() {
        // WeChat documents GET with appid, secret, code and grant_type in the query (protocol §2.1).
        try (FixedAnswerServer wechat = FixedAnswerServer.answering("text/plain",
                "{\"errcode\":40029,\"errmsg\":\"invalid code\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            WeChatApiClient client = new WeChatApiClient(http, JsonSerialization.mapper, wechat.baseUrl(), Duration.ofSeconds(2));
            assertThrows(WeChatApiException.class, () -> client.exchangeCode(APP, "s3cret+/=&", "c0de"));

            FixedAnswerServer.Received request = wechat.received().get(0);
            assertEquals("GET", request.method());
            assertEquals("/sns/oauth2/access_token", request.path());
            assertEquals("appid=" + APP + "&secret=s3cret%2B%2F%3D%26&code=c0de&grant_type=authorization_code", request.rawQuery());
            assertEquals("", request.body());
        }
    }

    @Test
    void decodesUtf8EvenWhenTheHeaderClaimsAnotherCharset() throws Exception {
        sim.contentType("text/plain; charset=ISO-8859-1");
        WeChatAccessToken token = api.exchangeCode(APP, SECRET, scan(APP, "ada"));
        assertEquals("阿达🌸", api.userInfo(token.accessToken(), token.openid()).nickname());
    }

    @Test
    void anAppNotBoundToAnOpenPlatformAccountHasNoUnionid() throws Exception {
        WeChatAccessToken token = api.exchangeCode(UNBOUND_APP, SECRET, scan(UNBOUND_APP, "ada"));
        assertNull(token.unionid());
        assertNull(api.userInfo(token.accessToken(), token.openid()).unionid());
    }

    @Test
    void aCodeCanBeUsedOnceWeChatSays40163TheSecondTime() throws Exception {
        String code = scan(APP, "ada");
        api.exchangeCode(APP, SECRET, code);

        WeChatApiException e = assertThrows(WeChatApiException.class, () -> api.exchangeCode(APP, SECRET, code));
        assertEquals(WeChatApiException.Kind.WECHAT_ERROR, e.kind());
        assertEquals(40163, e.errcode());
        assertEquals(WeChatEndpoint.ACCESS_TOKEN, e.endpoint());
    }

    @Test
    void aWrongSecretIs40125AndTheMessageDoesNotContainIt() throws Exception {
        String code = scan(APP, "ada");
        WeChatApiException e = assertThrows(WeChatApiException.class, () -> api.exchangeCode(APP, "wrong-secret", code));
        assertEquals(40125, e.errcode());
        assertFalse(e.getMessage().contains("wrong-secret"));
        assertFalse(e.getMessage().contains(code), "nor the code");
    }

    @Test
    void everyErrcodeIsDetectedBeforeTheBodyIsRead() {
        for (int errcode : new int[] {40029, 40013, 41002, 41004, 41008, -1, 45011}) {
            sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.errcode(errcode));
            WeChatApiException e = assertThrows(WeChatApiException.class, () -> api.exchangeCode(APP, SECRET, "c"));
            assertEquals(errcode, e.errcode());
        }
        for (int errcode : new int[] {40001, 40003, 42001, 48001}) {
            sim.faults().once(SimEndpoint.USERINFO, Fault.errcode(errcode));
            WeChatApiException e = assertThrows(WeChatApiException.class, () -> api.userInfo("t", "o"));
            assertEquals(errcode, e.errcode());
            assertEquals(WeChatEndpoint.USERINFO, e.endpoint());
        }
    }

    @Test
    void unusableAnswersAreBadResponsesWithoutAnErrcode() throws Exception {
        Fault[] faults = {Fault.httpStatus(502), Fault.htmlBody(), Fault.malformedJson(), Fault.emptyBody(),
                Fault.missingField("openid"), Fault.wrongType("openid"), Fault.rawBody("text/plain", "[1,2]"),
                Fault.oversizedJson(WeChatApiClient.MAX_BODY_BYTES + 1000)};
        for (Fault fault : faults) {
            sim.faults().once(SimEndpoint.ACCESS_TOKEN, fault);
            WeChatApiException e = assertThrows(WeChatApiException.class,
                    () -> api.exchangeCode(APP, SECRET, scan(APP, "ada")), fault.toString());
            assertEquals(WeChatApiException.Kind.BAD_RESPONSE, e.kind(), fault + ": " + e.getMessage());
            assertNull(e.errcode());
        }
    }

    @Test
    void idsThatAreNotWeChatIdsAreBadResponses() {
        // openid and unionid become usernames and link ids: only WeChat's own shape is let through.
        String[] answers = {
                "{\"access_token\":\"t\",\"openid\":\"o" + "x".repeat(299) + "\"}",
                "{\"access_token\":\"t\",\"openid\":\"o <b>x<\\/b> ..\\/admin\"}",
                "{\"access_token\":\"t\",\"openid\":\"oValid_openid-0123456789abcd\",\"unionid\":\"o\\nx\"}"};
        for (String answer : answers) {
            sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.rawBody("text/plain", answer));
            WeChatApiException e = assertThrows(WeChatApiException.class, () -> api.exchangeCode(APP, SECRET, "c"), answer);
            assertEquals(WeChatApiException.Kind.BAD_RESPONSE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("is not a WeChat id"), e.getMessage());
            assertFalse(e.getMessage().contains("admin") || e.getMessage().contains("xxxx"), "the value stays out of the message");
        }
        sim.faults().once(SimEndpoint.USERINFO, Fault.rawBody("text/plain", "{\"openid\":\"o/../x\",\"nickname\":\"n\"}"));
        assertThrows(WeChatApiException.class, () -> api.userInfo("t", "o"));
    }

    @Test
    void aSlowWeChatIsCutOffAtTheTimeout() throws Exception {
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.delay(Duration.ofSeconds(5)));
        long started = System.nanoTime();
        WeChatApiException e = assertThrows(WeChatApiException.class, () -> api.exchangeCode(APP, SECRET, scan(APP, "ada")));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertEquals(WeChatApiException.Kind.UNREACHABLE, e.kind());
        assertTrue(millis < 3000, "gave up after " + millis + " ms with an 800 ms timeout");
    }

    @Test
    void anAnswerThatTricklesInIsCutOffAtTheTimeoutToo() throws Exception {
        // Headers at once, then a chunk every 100 ms for 20 s: each read is quick, the whole answer is not.
        WeChatApiException e = againstEndlessAnswer(1, 100, client -> client.exchangeCode(APP, SECRET, "c"));
        assertEquals(WeChatApiException.Kind.UNREACHABLE, e.kind(), e.getMessage());
    }

    @Test
    void anEndlessAnswerIsCutOffAtTheSizeCapWithoutReadingTheRest() throws Exception {
        // 8 KiB every 10 ms for 20 s, 16 MB in all: refused at 64 KiB, and the rest is not read.
        WeChatApiException e = againstEndlessAnswer(8192, 10, client -> client.exchangeCode(APP, SECRET, "c"));
        assertEquals(WeChatApiException.Kind.BAD_RESPONSE, e.kind(), e.getMessage());
    }

    private interface Call {
        void on(WeChatApiClient client) throws WeChatApiException;
    }

    /** A server that sends {@code chunkBytes} every {@code everyMillis} for 20 s; the client must give up within 2 s. */
    private static WeChatApiException againstEndlessAnswer(int chunkBytes, int everyMillis, Call call) throws IOException {
        com.sun.net.httpserver.HttpServer endless = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        endless.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (java.io.OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 20_000 / everyMillis; i++) {
                    out.write(" ".repeat(chunkBytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(everyMillis);
                }
            } catch (InterruptedException | IOException e) {
                // the client hung up, as it should
            }
        });
        endless.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        endless.start();
        try {
            WeChatApiClient client = new WeChatApiClient(http, JsonSerialization.mapper,
                    "http://127.0.0.1:" + endless.getAddress().getPort(), Duration.ofMillis(800));
            long started = System.nanoTime();
            WeChatApiException e = assertThrows(WeChatApiException.class, () -> call.on(client));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(millis < 2000, "gave up after " + millis + " ms with an 800 ms timeout");
            return e;
        } finally {
            endless.stop(0);
        }
    }

    @Test
    void anUnreachableWeChatIsReportedAsSuch() {
        WeChatApiClient nowhere = new WeChatApiClient(http, JsonSerialization.mapper, "http://127.0.0.1:9", Duration.ofMillis(500));
        WeChatApiException e = assertThrows(WeChatApiException.class, () -> nowhere.exchangeCode(APP, SECRET, "c"));
        assertEquals(WeChatApiException.Kind.UNREACHABLE, e.kind());
    }

    @Test
    void tokensStayOutOfToString() throws Exception {
        WeChatAccessToken token = api.exchangeCode(APP, SECRET, scan(APP, "ada"));
        assertTrue(token.rawJson().contains("\"openid\""));
        assertFalse(token.toString().contains(token.accessToken()), "tokens stay out of toString()");
    }
}

package io.github.keycloakwechat.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.github.keycloakwechat.api.FixedAnswerServer;
import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.broker.failure.WeChatFailureLog;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.ClientProtocolException;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

/**
 * The code exchange is a GET, so its URL carries the AppSecret (protocol §2.1). A failed exchange must still leave
 * neither the AppSecret nor the code in the exception or in anything we log about it, at any level.
 */
class SecretFreeFailuresTest {

    private static final String APP = "wx00112233445566aa";
    private static final String SECRET = "f3c9a1d07b2e4c58a6d1e0b9c7f2a4e1";
    private static final String CODE = "061eY9xX08tQu02IH4wX05BjxX0eY9xA";

    private final StringWriter logged = new StringWriter();
    private final Logger category = Logger.getLogger("io.github.keycloakwechat.broker.WeChatCallbackEndpoint");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            PrintWriter out = new PrintWriter(logged);
            out.println(record.getLevel() + " " + String.valueOf(record.getMessage()));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(out);
            }
            out.flush();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;
    private CloseableHttpClient http;

    @BeforeEach
    void captureEveryLevel() {
        levelBefore = category.getLevel();
        category.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        category.addHandler(capture);
        http = HttpClients.createDefault();
    }

    @AfterEach
    void restore() throws IOException {
        category.removeHandler(capture);
        category.setLevel(levelBefore);
        http.close();
    }

    @Test
    void anErrmsgThatEchoesTheRequestUrl() {
        // A gateway in front of WeChat that quotes the request in its error, secret and all.
        try (FixedAnswerServer gateway = FixedAnswerServer.echoing("text/plain", r -> "{\"errcode\":40125,\"errmsg\":"
                + "\"invalid appsecret for " + r.path() + "?" + r.rawQuery() + " (secret " + SECRET + ")\"}")) {
            WeChatApiException e = failedExchange(gateway.baseUrl());
            assertEquals(40125, e.errcode());
            assertTrue(e.getMessage().contains("invalid appsecret for /sns/oauth2/access_token?***"), e.getMessage());
        }
    }

    @Test
    void anHttpClientErrorThatQuotesTheRequestUrl() {
        // What HTTP client exceptions may say (redirect and protocol errors quote the URI), cause chain included.
        CloseableHttpClient quoting = new FailingHttpClient();
        WeChatApiException e = assertThrows(WeChatApiException.class, () -> new WeChatApiClient(quoting,
                JsonSerialization.mapper, "http://127.0.0.1:1", Duration.ofSeconds(1)).exchangeCode(APP, SECRET, CODE));
        assertEquals(WeChatApiException.Kind.UNREACHABLE, e.kind());
        assertEquals("/sns/oauth2/access_token could not be reached: ClientProtocolException", e.getMessage());
        logAndCheck(e);
        assertTrue(logged.toString().contains("org.apache.http.client.ClientProtocolException: Cannot send GET http://127.0.0.1:1/sns/oauth2/access_token?***"),
                "the cause is logged at DEBUG, redacted: " + logged);
    }

    @Test
    void aRedirectIsNotFollowed() {
        try (FixedAnswerServer portal = FixedAnswerServer.redirecting(302, r -> "http://127.0.0.1:9/login?from=" + r.rawQuery())) {
            WeChatApiException e = failedExchange(portal.baseUrl());
            assertEquals(WeChatApiException.Kind.BAD_RESPONSE, e.kind());
            assertEquals("/sns/oauth2/access_token: HTTP status 302", e.getMessage());
            assertEquals(1, portal.received().size());
        }
    }

    @Test
    void aClosedPortAndATimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertEquals(WeChatApiException.Kind.UNREACHABLE, failedExchange("http://127.0.0.1:" + closed).kind());
        try (FixedAnswerServer silent = FixedAnswerServer.echoing("text/plain", r -> {
            sleep(3000);
            return "{}";
        })) {
            assertEquals(WeChatApiException.Kind.UNREACHABLE, failedExchange(silent.baseUrl()).kind());
        }
    }

    /** An exchange against {@code baseUrl} that must fail; its exception and log lines are checked for secrets. */
    private WeChatApiException failedExchange(String baseUrl) {
        WeChatApiClient api = new WeChatApiClient(http, JsonSerialization.mapper, baseUrl, Duration.ofMillis(800));
        WeChatApiException e = assertThrows(WeChatApiException.class, () -> api.exchangeCode(APP, SECRET, CODE));
        logAndCheck(e);
        return e;
    }

    private void logAndCheck(WeChatApiException e) {
        StringWriter exception = new StringWriter();
        e.printStackTrace(new PrintWriter(exception));
        assertNoSecret("the exception (message, causes, stack)", exception.toString());

        WeChatFailureLog.callFailed("realm", "wechat", e);
        String log = logged.toString();
        assertTrue(log.contains("WeChat sign-in failed in realm realm (provider wechat): " + e.getMessage()),
                "the WARN line was captured: " + log);
        assertTrue(log.contains("Cause of the WeChat failure"), "the DEBUG line was captured too: " + log);
        assertNoSecret("the log", log);
    }

    private static void assertNoSecret(String where, String text) {
        assertFalse(text.contains(SECRET), where + " contains the AppSecret:\n" + text);
        assertFalse(text.contains(CODE), where + " contains the code:\n" + text);
        assertFalse(text.contains("secret="), where + " contains the request query:\n" + text);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An HTTP client whose every call fails with exceptions that quote the request line, as real ones may. */
    private static final class FailingHttpClient extends CloseableHttpClient {

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context)
                throws ClientProtocolException {
            String uri = request.getRequestLine().getUri();
            throw new ClientProtocolException("Cannot send GET " + uri,
                    new IOException("while writing " + request.getRequestLine(),
                            new IOException(uri)));
        }

        @Override
        @SuppressWarnings("deprecation")
        public HttpParams getParams() {
            throw new UnsupportedOperationException();
        }

        @Override
        @SuppressWarnings("deprecation")
        public ClientConnectionManager getConnectionManager() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}

package io.github.keycloakwechat.benchmark.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakwechat.it.support.FormEncoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GitHub's OAuth and user endpoints as the stand-in answers them, and its API latency: what the benchmark relies on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHubEndpointsTest {

    static final String CLIENT = "Iv1.bench";
    static final String SECRET = "gh-secret";
    static final String CALLBACK = "http://127.0.0.1:8080/realms/bench/broker/github/endpoint";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private GitHubStandIn github;

    @BeforeAll
    void start() {
        github = GitHubStandIn.start();
        github.addApp(CLIENT, SECRET);
        github.addUser("octo", "Octo Cat");
    }

    @AfterAll
    void stop() {
        github.close();
    }

    @Test
    void signedInBrowserIsSentBackWithCodeAndState() throws Exception {
        int before = github.calls(GitHubEndpoint.AUTHORIZE);
        HttpResponse<String> r = authorize("octo");
        assertEquals(302, r.statusCode(), r.body());
        assertTrue(location(r).startsWith(CALLBACK + "?code="), location(r));
        assertEquals("st4te", query(location(r)).get("state"));
        assertEquals(before + 1, github.calls(GitHubEndpoint.AUTHORIZE));
    }

    @Test
    void browserNotSignedInIsNotSentBack() throws Exception {
        assertEquals(401, authorize(null).statusCode());
        assertEquals(401, authorize("nobody").statusCode());
    }

    @Test
    void tokenAnswerIsFormEncodedByDefaultAndJsonWhenAccepted() throws Exception {
        int before = github.calls(GitHubEndpoint.ACCESS_TOKEN);
        HttpResponse<String> form = token(code(), SECRET, null);
        assertTrue(form.headers().firstValue("Content-Type").orElseThrow().startsWith("application/x-www-form-urlencoded"));
        Map<String, String> fields = FormEncoding.decodeQuery(form.body());
        assertEquals("bearer", fields.get("token_type"));
        assertEquals("user:email", fields.get("scope"));
        assertTrue(fields.get("access_token").length() > 10, form.body());

        assertEquals("bearer", json(token(code(), SECRET, "application/json")).get("token_type").asText());
        assertEquals(before + 2, github.calls(GitHubEndpoint.ACCESS_TOKEN));
    }

    @Test
    void tokenErrorsAreHttp200WithAnErrorField() throws Exception {
        String code = code();
        assertEquals("incorrect_client_credentials", json(token(code, "wrong", "application/json")).get("error").asText());
        assertEquals("access_token", json(token(code, SECRET, "application/json")).fieldNames().next());
        HttpResponse<String> reused = token(code, SECRET, "application/json");
        assertEquals(200, reused.statusCode());
        assertEquals("bad_verification_code", json(reused).get("error").asText());
    }

    @Test
    void clientMayAuthenticateWithHttpBasic() throws Exception {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(github.baseUrl() + "/login/oauth/access_token"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + code() + "&grant_type=authorization_code")).build();
        assertTrue(json(send(request)).has("access_token"));
    }

    @Test
    void userAndEmailsDescribeTheTokensUser() throws Exception {
        int usersBefore = github.calls(GitHubEndpoint.USER);
        int emailsBefore = github.calls(GitHubEndpoint.EMAILS);
        String accessToken = json(token(code(), SECRET, "application/json")).get("access_token").asText();
        JsonNode user = json(api("/user", accessToken));
        assertEquals("octo", user.get("login").asText());
        assertEquals(github.userId("octo"), user.get("id").asLong());
        assertEquals("Octo Cat", user.get("name").asText());
        assertEquals(github.email("octo"), user.get("email").asText());
        JsonNode emails = json(api("/user/emails", accessToken));
        assertEquals(github.email("octo"), emails.get(0).get("email").asText());
        assertTrue(emails.get(0).get("primary").asBoolean());
        assertEquals(usersBefore + 1, github.calls(GitHubEndpoint.USER));
        assertEquals(emailsBefore + 1, github.calls(GitHubEndpoint.EMAILS));
    }

    @Test
    void unknownTokenIsBadCredentials() throws Exception {
        HttpResponse<String> r = api("/user", "nope");
        assertEquals(401, r.statusCode());
        assertEquals("Bad credentials", json(r).get("message").asText());
    }

    @Test
    void apiLatencyDelaysApiCallsButNotTheAuthorizePage() throws Exception {
        github.apiLatency(Duration.ofMillis(300));
        try {
            long pageStart = System.nanoTime();
            authorize("octo");
            assertTrue(millisSince(pageStart) < 250, "the page is not delayed");
            long apiStart = System.nanoTime();
            api("/user", "nope");
            assertTrue(millisSince(apiStart) >= 300, "API calls are delayed");
        } finally {
            github.apiLatency(Duration.ZERO);
        }
    }

    private String code() throws Exception {
        return query(location(authorize("octo"))).get("code");
    }

    private HttpResponse<String> authorize(String signedInAs) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", CLIENT);
        params.put("redirect_uri", CALLBACK);
        params.put("state", "st4te");
        params.put("scope", "user:email");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(github.baseUrl() + "/login/oauth/authorize?"
                + FormEncoding.encode(params)));
        if (signedInAs != null) {
            b.header("Cookie", "other=1; " + GitHubStandIn.SIGNED_IN_COOKIE + "=" + signedInAs);
        }
        return send(b.build());
    }

    private HttpResponse<String> token(String code, String secret, String accept) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", CLIENT);
        form.put("client_secret", secret);
        form.put("code", code);
        form.put("redirect_uri", CALLBACK);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(github.baseUrl() + "/login/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form)));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b.build());
    }

    private HttpResponse<String> api(String path, String accessToken) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(github.baseUrl() + path))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
    }

    private static Map<String, String> query(String url) {
        return FormEncoding.decodeQuery(URI.create(url).getRawQuery());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}

package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static io.github.keycloakwechat.simulator.SimHttp.contentType;
import static io.github.keycloakwechat.simulator.SimHttp.enc;
import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.location;
import static io.github.keycloakwechat.simulator.SimHttp.params;
import static io.github.keycloakwechat.simulator.SimHttp.qrconnect;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GitHub's OAuth and user endpoints, signed-in browsers, and API latency: what the benchmark relies on. */
class GitHubEndpointsTest extends SimFixture {

    static final String CLIENT = "Iv1.bench";
    static final String SECRET = "gh-secret";
    static final String CALLBACK = "http://127.0.0.1:8080/realms/bench/broker/github/endpoint";
    static final String WECHAT_APP = "wxweb0000000009";

    @Override
    void addAppsAndPeople() {
        sim.addGitHubApp(CLIENT, SECRET);
        sim.addWebsiteApp(WECHAT_APP, "wxsecret", "127.0.0.1");
        sim.addPerson("octo", "Octo Cat", null);
    }

    @Test
    void signedInBrowserIsSentBackWithCodeAndState() {
        HttpResponse<byte[]> r = authorize("octo");
        assertEquals(302, r.statusCode(), text(r));
        Map<String, String> back = params(location(r));
        assertEquals("st4te", back.get("state"));
        assertTrue(location(r).startsWith(CALLBACK + "?code="), location(r));
        assertEquals(1, sim.calls(SimEndpoint.GITHUB_AUTHORIZE));
    }

    @Test
    void browserNotSignedInIsNotSentBack() {
        assertEquals(401, authorize(null).statusCode());
        assertEquals(401, authorize("nobody").statusCode());
    }

    @Test
    void tokenAnswerIsFormEncodedByDefaultAndJsonWhenAccepted() {
        HttpResponse<byte[]> form = token(code(), SECRET, null);
        assertTrue(contentType(form).startsWith("application/x-www-form-urlencoded"), contentType(form));
        Map<String, String> fields = params("http://x/?" + text(form));
        assertEquals("bearer", fields.get("token_type"));
        assertEquals("user:email", fields.get("scope"));
        assertTrue(fields.get("access_token").length() > 10, text(form));

        JsonNode json = json(token(code(), SECRET, "application/json"));
        assertEquals("bearer", json.get("token_type").asText());
        assertEquals(2, sim.calls(SimEndpoint.GITHUB_ACCESS_TOKEN));
    }

    @Test
    void tokenErrorsAreHttp200WithAnErrorField() {
        String code = code();
        assertEquals("incorrect_client_credentials", json(token(code, "wrong", "application/json")).get("error").asText());
        assertEquals("access_token", json(token(code, SECRET, "application/json")).fieldNames().next());
        HttpResponse<byte[]> reused = token(code, SECRET, "application/json");
        assertEquals(200, reused.statusCode());
        assertEquals("bad_verification_code", json(reused).get("error").asText());
    }

    @Test
    void clientMayAuthenticateWithHttpBasic() {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes());
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/login/oauth/access_token"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + enc(code()) + "&grant_type=authorization_code")).build();
        assertTrue(json(send(request)).has("access_token"));
    }

    @Test
    void userAndEmailsDescribeTheTokensPerson() {
        String accessToken = json(token(code(), SECRET, "application/json")).get("access_token").asText();
        JsonNode user = json(api("/user", accessToken));
        assertEquals("octo", user.get("login").asText());
        assertEquals(sim.githubUserId("octo"), user.get("id").asLong());
        assertEquals("Octo Cat", user.get("name").asText());
        assertEquals(sim.githubEmail("octo"), user.get("email").asText());
        JsonNode emails = json(api("/user/emails", accessToken));
        assertEquals(sim.githubEmail("octo"), emails.get(0).get("email").asText());
        assertTrue(emails.get(0).get("primary").asBoolean());
        assertEquals(1, sim.calls(SimEndpoint.GITHUB_USER));
        assertEquals(1, sim.calls(SimEndpoint.GITHUB_EMAILS));
    }

    @Test
    void unknownTokenIsBadCredentials() {
        HttpResponse<byte[]> r = api("/user", "nope");
        assertEquals(401, r.statusCode());
        assertEquals("Bad credentials", json(r).get("message").asText());
    }

    @Test
    void weChatQrPageHonoursTheSignedInCookieOnlyWhenSwitchedOn() {
        assertEquals(200, withCookie(qrconnect(WECHAT_APP, CALLBACK, "abc"), "octo").statusCode());
        sim.signedInBrowsers(true);
        HttpResponse<byte[]> r = withCookie(qrconnect(WECHAT_APP, CALLBACK, "abc"), "octo");
        assertEquals(302, r.statusCode(), text(r));
        String code = params(location(r)).get("code");
        assertEquals(sim.openid("octo", WECHAT_APP), http.exchangeJson(WECHAT_APP, "wxsecret", code).get("openid").asText());
    }

    @Test
    void apiLatencyDelaysApiCallsOfBothUpstreamsButNotPages() {
        sim.apiLatency(Duration.ofMillis(300));
        long pageStart = System.nanoTime();
        authorize("octo");
        assertTrue(millisSince(pageStart) < 250, "pages are not delayed");
        long githubStart = System.nanoTime();
        api("/user", "nope");
        assertTrue(millisSince(githubStart) >= 300, "GitHub API delayed");
        long wechatStart = System.nanoTime();
        http.userinfo("nope", "nope");
        assertTrue(millisSince(wechatStart) >= 300, "WeChat API delayed");
    }

    private String code() {
        return params(location(authorize("octo"))).get("code");
    }

    private HttpResponse<byte[]> authorize(String signedInAs) {
        return withCookie("/login/oauth/authorize?client_id=" + enc(CLIENT) + "&redirect_uri=" + enc(CALLBACK)
                + "&state=st4te&scope=user%3Aemail", signedInAs);
    }

    private HttpResponse<byte[]> withCookie(String pathAndQuery, String signedInAs) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery));
        if (signedInAs != null) {
            b.header("Cookie", "other=1; " + WeChatSimulator.SIGNED_IN_COOKIE + "=" + signedInAs);
        }
        return send(b.build());
    }

    private HttpResponse<byte[]> token(String code, String secret, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/login/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + enc(CLIENT) + "&client_secret=" + enc(secret)
                        + "&code=" + enc(code) + "&redirect_uri=" + enc(CALLBACK)));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b.build());
    }

    private HttpResponse<byte[]> api(String path, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        return http.send(request);
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}

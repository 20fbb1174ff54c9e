package io.github.keycloakwechat.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub's OAuth web flow and user API, as Keycloak's built-in {@code github} provider calls them, so a
 * benchmark can compare that provider with ours against the same simulated upstream. GitHub users are the
 * simulator's people: login = person id, name = nickname, a public e-mail {@code <id>@users.github.example}.
 * Only a signed-in browser ({@link SignedInBrowser}) is redirected back, as for an app the person already
 * authorised; GitHub's sign-in and consent pages are not simulated.
 */
final class GitHubApi {

    static final String SCOPE = "user:email";
    static final String EMAIL_DOMAIN = "users.github.example";
    private static final Duration CODE_TTL = Duration.ofMinutes(10);
    private static final Duration TOKEN_TTL = Duration.ofHours(8);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private final SimContext ctx;

    GitHubApi(SimContext ctx) {
        this.ctx = ctx;
    }

    /** {@code GET /login/oauth/authorize}: straight back to redirect_uri with code and state. */
    Reply authorize(Request r) {
        String clientId = r.query("client_id");
        if (!ctx.githubApps.known(clientId)) {
            return Reply.html(404, ErrorPages.notFound("/login/oauth/authorize (unknown client_id " + clientId + ")"));
        }
        String redirectUri = r.query("redirect_uri");
        if (CallbackUrls.parse(redirectUri) == null) {
            return Reply.html(400, ErrorPages.badChoice("redirect_uri is missing or not an absolute http(s) URL"));
        }
        String personId = SignedInBrowser.personId(ctx, r);
        if (personId == null) {
            return Reply.html(401, ErrorPages.badChoice("not signed in to GitHub (no " + SignedInBrowser.COOKIE + " cookie)"));
        }
        CodeStore.IssuedCode code = ctx.codes.issue(clientId, personId, SCOPE, false, CODE_TTL);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code.code());
        if (r.query("state") != null) {
            params.put("state", r.query("state"));
        }
        return Reply.redirect(302, CallbackUrls.append(redirectUri, params));
    }

    /**
     * {@code POST /login/oauth/access_token}: client credentials in the form or HTTP Basic. GitHub answers
     * form-encoded unless the client accepts JSON, and reports errors with HTTP 200 and an {@code error} field.
     */
    Reply accessToken(Request r) {
        String[] basic = basicCredentials(r.header("Authorization"));
        String clientId = basic != null ? basic[0] : r.param("client_id");
        String secret = basic != null ? basic[1] : r.param("client_secret");
        Map<String, Object> body = new LinkedHashMap<>();
        if (!ctx.githubApps.secretMatches(clientId, secret)) {
            body.put("error", "incorrect_client_credentials");
            body.put("error_description", "The client_id and/or client_secret passed are incorrect.");
            return tokenReply(r, body);
        }
        String code = r.param("code");
        CodeStore.Redemption redemption = code == null
                ? new CodeStore.Redemption(CodeStore.Status.INVALID, null) : ctx.codes.redeem(code, clientId);
        if (redemption.status() != CodeStore.Status.OK) {
            body.put("error", "bad_verification_code");
            body.put("error_description", "The code passed is incorrect or expired.");
            return tokenReply(r, body);
        }
        TokenStore.Grant grant = ctx.tokens.issue(redemption.code(), redemption.code().personId(), null, TOKEN_TTL, TOKEN_TTL);
        body.put("access_token", grant.accessToken());
        body.put("token_type", "bearer");
        body.put("scope", SCOPE);
        return tokenReply(r, body);
    }

    /** {@code GET /user}: the profile of the token's user. */
    Reply user(Request r) {
        TokenStore.Grant grant = grant(r);
        if (grant == null) {
            return badCredentials();
        }
        SimPerson person = ctx.people.require(grant.personId());
        JsonObject body = new JsonObject()
                .put("login", person.id())
                .put("id", ctx.ids.githubUserId(person.id()))
                .put("type", "User")
                .put("name", person.nickname())
                .put("email", email(person));
        return json(200, body.toString());
    }

    /** {@code GET /user/emails}: one primary, verified address. */
    Reply emails(Request r) {
        TokenStore.Grant grant = grant(r);
        if (grant == null) {
            return badCredentials();
        }
        JsonObject address = new JsonObject()
                .put("email", email(ctx.people.require(grant.personId())))
                .put("primary", true)
                .put("verified", true)
                .put("visibility", "public");
        return json(200, Json.write(List.of(address)));
    }

    static String email(SimPerson person) {
        return person.id() + "@" + EMAIL_DOMAIN;
    }

    private TokenStore.Grant grant(Request r) {
        String authorization = r.header("Authorization");
        if (authorization == null) {
            return null;
        }
        String lower = authorization.toLowerCase(Locale.ROOT);
        // GitHub takes both "Bearer" (what Keycloak sends) and its older "token" scheme.
        String token = lower.startsWith("bearer ") ? authorization.substring(7)
                : lower.startsWith("token ") ? authorization.substring(6) : null;
        TokenStore.Grant grant = token == null ? null : ctx.tokens.byAccessToken(token.trim());
        return grant != null && ctx.githubApps.known(grant.appId()) ? grant : null;
    }

    private static Reply tokenReply(Request r, Map<String, Object> fields) {
        String accept = r.header("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")) {
            JsonObject body = new JsonObject();
            fields.forEach(body::put);
            return json(200, body.toString());
        }
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)));
        return Reply.raw(200, FORM, form.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Reply badCredentials() {
        return json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
    }

    private static Reply json(int status, String body) {
        return Reply.raw(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code [clientId, secret]} from an HTTP Basic header, or null. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {
                    java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}

package io.github.keycloakwechat.benchmark.github;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.keycloakwechat.it.support.FormEncoding;

/**
 * GitHub's OAuth web flow and user API, as Keycloak's built-in {@code github} provider calls them. Only a signed-in
 * browser ({@link GitHubStandIn#SIGNED_IN_COOKIE}) is sent back, as for an app the person already authorised;
 * GitHub's sign-in and consent pages are not there.
 */
final class GitHubApi {

    static final String SCOPE = "user:email";

    private final GitHubAccounts accounts;
    private final GitHubGrants grants = new GitHubGrants();

    GitHubApi(GitHubAccounts accounts) {
        this.accounts = accounts;
    }

    GitHubReply answer(GitHubEndpoint endpoint, GitHubRequest r) {
        return switch (endpoint) {
            case AUTHORIZE -> authorize(r);
            case ACCESS_TOKEN -> accessToken(r);
            case USER -> user(r);
            case EMAILS -> emails(r);
        };
    }

    /** Straight back to redirect_uri with code and state. */
    private GitHubReply authorize(GitHubRequest r) {
        String clientId = r.query().get("client_id");
        if (!accounts.knownApp(clientId)) {
            return GitHubReply.text(404, "unknown client_id " + clientId);
        }
        String redirectUri = r.query().get("redirect_uri");
        if (!isAbsoluteHttp(redirectUri)) {
            return GitHubReply.text(400, "redirect_uri is missing or not an absolute http(s) URL");
        }
        GitHubAccounts.User user = accounts.user(r.cookie(GitHubStandIn.SIGNED_IN_COOKIE));
        if (user == null) {
            return GitHubReply.text(401, "not signed in to GitHub (no " + GitHubStandIn.SIGNED_IN_COOKIE + " cookie of a known user)");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", grants.issueCode(new GitHubGrants.Grant(clientId, user.login())));
        if (r.query().get("state") != null) {
            params.put("state", r.query().get("state"));
        }
        return GitHubReply.redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?") + FormEncoding.encode(params));
    }

    /**
     * Client credentials in the form or HTTP Basic. GitHub answers form-encoded unless the client accepts JSON,
     * and reports errors with HTTP 200 and an {@code error} field.
     */
    private GitHubReply accessToken(GitHubRequest r) {
        String[] basic = basicCredentials(r.header("Authorization"));
        String clientId = basic != null ? basic[0] : r.param("client_id");
        String secret = basic != null ? basic[1] : r.param("client_secret");
        Map<String, String> body = new LinkedHashMap<>();
        boolean knownClient = accounts.secretMatches(clientId, secret);
        GitHubGrants.Grant grant = knownClient ? grants.redeem(r.param("code"), clientId) : null;
        if (!knownClient) {
            body.put("error", "incorrect_client_credentials");
            body.put("error_description", "The client_id and/or client_secret passed are incorrect.");
        } else if (grant == null) {
            body.put("error", "bad_verification_code");
            body.put("error_description", "The code passed is incorrect or expired.");
        } else {
            body.put("access_token", grants.issueToken(grant));
            body.put("token_type", "bearer");
            body.put("scope", SCOPE);
        }
        String accept = r.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")
                ? GitHubReply.json(200, body) : GitHubReply.form(body);
    }

    /** The profile of the token's user. */
    private GitHubReply user(GitHubRequest r) {
        GitHubAccounts.User user = tokenUser(r);
        if (user == null) {
            return badCredentials();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", user.login());
        body.put("id", user.id());
        body.put("type", "User");
        body.put("name", user.name());
        body.put("email", user.email());
        return GitHubReply.json(200, body);
    }

    /** One primary, verified address. */
    private GitHubReply emails(GitHubRequest r) {
        GitHubAccounts.User user = tokenUser(r);
        if (user == null) {
            return badCredentials();
        }
        return GitHubReply.json(200, List.of(Map.of("email", user.email(), "primary", true, "verified", true,
                "visibility", "public")));
    }

    private GitHubAccounts.User tokenUser(GitHubRequest r) {
        String authorization = r.header("Authorization");
        if (authorization == null) {
            return null;
        }
        String lower = authorization.toLowerCase(Locale.ROOT);
        // GitHub takes both "Bearer" (what Keycloak sends) and its older "token" scheme.
        String token = lower.startsWith("bearer ") ? authorization.substring(7)
                : lower.startsWith("token ") ? authorization.substring(6) : null;
        GitHubGrants.Grant grant = token == null ? null : grants.byToken(token.trim());
        return grant == null ? null : accounts.user(grant.login());
    }

    private static GitHubReply badCredentials() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", "Bad credentials");
        body.put("documentation_url", "https://docs.github.com/rest");
        body.put("status", "401");
        return GitHubReply.json(401, body);
    }

    private static boolean isAbsoluteHttp(String url) {
        try {
            URI uri = url == null ? null : new URI(url);
            return uri != null && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** {@code [clientId, secret]} from an HTTP Basic header (each form-encoded, as OAuth says), or null. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}

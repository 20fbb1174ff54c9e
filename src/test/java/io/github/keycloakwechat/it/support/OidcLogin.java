package io.github.keycloakwechat.it.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One OIDC authorization-code sign-in of a realm's public client, as the client application would run it:
 * the authorization URL (fresh {@code state} and {@code nonce}), the callback Keycloak redirects to, and the
 * code-to-token exchange.
 *
 * <pre>{@code
 * OidcLogin login = OidcLogin.of(keycloak, "demo", "app", "http://localhost:1/callback");
 * Page loginPage = login.open(browser);                 // the browser now stops at the redirect_uri
 * Page back = browser.submit(loginPage, "kc-form-login", Map.of("username", "alice", "password", "pw"));
 * JsonNode tokens = login.exchangeCode(login.code(back));
 * }</pre>
 */
public final class OidcLogin {

    private final String realmUrl;
    private final TokenEndpoint tokenEndpoint;
    private final String clientId;
    private final String redirectUri;
    private final String state = UUID.randomUUID().toString();
    private final String nonce = UUID.randomUUID().toString();
    private String scope = "openid";
    private String idpHint;

    public OidcLogin(String baseUrl, String realm, String clientId, String redirectUri) {
        this.realmUrl = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/realms/" + realm;
        this.tokenEndpoint = new TokenEndpoint(baseUrl, realm);
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    public static OidcLogin of(KeycloakRuntime keycloak, String realm, String clientId, String redirectUri) {
        return new OidcLogin(keycloak.baseUrl(), realm, clientId, redirectUri);
    }

    /** Sends {@code kc_idp_hint}, so Keycloak goes straight to that identity provider. */
    public OidcLogin idpHint(String alias) {
        this.idpHint = alias;
        return this;
    }

    public OidcLogin scope(String scope) {
        this.scope = scope;
        return this;
    }

    public String state() {
        return state;
    }

    public String nonce() {
        return nonce;
    }

    public String redirectUri() {
        return redirectUri;
    }

    public String authorizationUrl() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("scope", scope);
        params.put("state", state);
        params.put("nonce", nonce);
        if (idpHint != null) {
            params.put("kc_idp_hint", idpHint);
        }
        return realmUrl + "/protocol/openid-connect/auth?" + FormEncoding.encode(params);
    }

    /** Makes {@code browser} stop at this client's redirect_uri (nothing listens there) and opens the authorization URL. */
    public Page open(Browser browser) {
        browser.stopAt(redirectUri);
        return browser.get(authorizationUrl());
    }

    /**
     * The query parameters Keycloak sent back to the client: from the held-back redirect to the redirect_uri
     * ({@code code, state, session_state, iss} or {@code error, error_description}).
     */
    public Map<String, String> callback(Page page) {
        String target = page.isRedirect() ? page.location() : page.url();
        if (!target.startsWith(redirectUri)) {
            throw new AssertionError("Expected a redirect to " + redirectUri + ", got " + page);
        }
        return FormEncoding.decodeQuery(URI.create(target).getRawQuery());
    }

    /** The authorization code of a successful sign-in; fails on an error answer or a foreign {@code state}. */
    public String code(Page page) {
        Map<String, String> params = callback(page);
        if (params.containsKey("error")) {
            throw new AssertionError("Sign-in ended with error=" + params.get("error")
                    + " error_description=" + params.get("error_description"));
        }
        if (!state.equals(params.get("state"))) {
            throw new AssertionError("The callback's state " + params.get("state") + " is not ours (" + state + ")");
        }
        String code = params.get("code");
        if (code == null || code.isEmpty()) {
            throw new AssertionError("No code in the callback " + params);
        }
        return code;
    }

    /** Exchanges the code at the token endpoint; the token response ({@code access_token}, {@code id_token}, ...). */
    public JsonNode exchangeCode(String code) {
        return tokenEndpoint.post(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "client_id", clientId)).tokens();
    }

    /** The claims of a JWT (e.g. the {@code id_token}), unverified: the tests trust the Keycloak they started. */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("Not a JWT: " + jwt);
        }
        return Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}

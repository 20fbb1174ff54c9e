package io.github.keycloakwechat.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.keycloakwechat.it.support.FormEncoding;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * A realm of the follow-to-sign-in benchmark: the "wechat" login theme, a public OIDC client whose redirect_uri is
 * the benchmark's {@link ClientCallback}, and one {@code wechat} provider with a website app and an Official
 * Account at the simulator; with {@code kcTheme-followQr} on (the login page shows the Official Account's QR code)
 * or off (the plain login page, the baseline). E-mail and names are optional, as in {@link BenchRealm}, so that a
 * new person's first sign-in does not stop at review profile.
 */
final class FollowRealm {

    static final String ALIAS = "wechat";
    static final String CLIENT_ID = "bench-follow-app";
    static final String SECRET = "bench-follow-secret-Ff7";
    static final String TOKEN = "BenchFollowToken2026";

    private final KeycloakRuntime keycloak;
    private final String name;
    private final String redirectUri;

    private FollowRealm(KeycloakRuntime keycloak, String name, String redirectUri) {
        this.keycloak = keycloak;
        this.name = name;
        this.redirectUri = redirectUri;
    }

    static FollowRealm create(KeycloakRuntime keycloak, WeChatSimulator sim, String name, String redirectUri,
                              String websiteApp, String officialAccount, boolean followQr) {
        keycloak.admin().createRealm(name);
        keycloak.admin().makeOptional(name, Set.of("email", "firstName", "lastName"));
        keycloak.admin().put("/admin/realms/" + name, Map.of("loginTheme", "wechat")).orThrow();
        keycloak.admin().createPublicClient(name, CLIENT_ID, redirectUri);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("clientId", websiteApp);
        config.put("clientSecret", SECRET);
        config.put("openBaseUrl", sim.baseUrl());
        config.put("mpBaseUrl", sim.baseUrl());
        config.put("apiBaseUrl", keycloak.reachableFromServer(sim.baseUrl()));
        config.put("officialAccountAppId", officialAccount);
        config.put("officialAccountAppSecret", SECRET);
        config.put("officialAccountToken", TOKEN);
        config.put("kcTheme-followQr", String.valueOf(followQr));
        keycloak.admin().createIdentityProvider(name, ALIAS, "wechat", config);
        return new FollowRealm(keycloak, name, redirectUri);
    }

    String name() {
        return name;
    }

    /** The client's authorization request; {@code idpHint} (may be null) skips the login page for that provider. */
    String authorizationUrl(String state, String idpHint) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", CLIENT_ID);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("state", state);
        if (idpHint != null) {
            params.put("kc_idp_hint", idpHint);
        }
        return keycloak.baseUrl() + "/realms/" + name + "/protocol/openid-connect/auth?" + FormEncoding.encode(params);
    }

    /** The Official Account's message endpoint (what an admin pastes into the account's server configuration). */
    String messagesUrl() {
        return keycloak.baseUrl() + "/realms/" + name + "/broker/" + ALIAS + "/endpoint/messages";
    }

    String wellKnownUrl() {
        return keycloak.baseUrl() + "/realms/" + name + "/.well-known/openid-configuration";
    }
}

package io.github.keycloakwechat.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakwechat.it.support.KeycloakRuntime;

/**
 * The benchmark realm: a public OIDC client that requires PKCE S256, our {@code wechat} provider and Keycloak's
 * built-in {@code github} provider, pointed at the WeChat simulator and at the GitHub stand-in, each with its own
 * app there.
 */
public final class BenchRealm {

    public static final String WECHAT = "wechat";
    static final String GITHUB = "github";
    static final String CLIENT_ID = "bench-app";
    /** Nothing listens there: the client's code is read from the redirect. */
    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";
    static final String WECHAT_APP_ID = "wxbe0c4a4a00000001";
    static final String GITHUB_CLIENT_ID = "Iv1.benchmark";
    private static final String SECRET = "benchmark-secret";
    /** Attributes of Keycloak's default user profile that are required unless made optional. */
    private static final Set<String> MADE_OPTIONAL = Set.of("email", "firstName", "lastName");

    private final KeycloakRuntime keycloak;
    private final Upstreams upstreams;
    private final String name;

    private BenchRealm(KeycloakRuntime keycloak, Upstreams upstreams, String name) {
        this.keycloak = keycloak;
        this.upstreams = upstreams;
        this.name = name;
    }

    public static BenchRealm create(KeycloakRuntime keycloak, Upstreams upstreams, String name) {
        BenchRealm realm = new BenchRealm(keycloak, upstreams, name);
        keycloak.admin().createRealm(name);
        // Fairness: WeChat sends no e-mail and GitHub does, so with Keycloak's default profile only WeChat's new users
        // would stop at review profile. With e-mail and names optional neither provider stops there.
        keycloak.admin().makeOptional(name, MADE_OPTIONAL);
        realm.createPkceClient();

        upstreams.wechat().addWebsiteApp(WECHAT_APP_ID, SECRET, "localhost");
        Map<String, String> wechat = new LinkedHashMap<>();
        wechat.put("clientId", WECHAT_APP_ID);
        wechat.put("clientSecret", SECRET);
        wechat.put("openBaseUrl", upstreams.wechat().baseUrl());
        wechat.put("apiBaseUrl", keycloak.reachableFromServer(upstreams.wechat().baseUrl()));
        keycloak.admin().createIdentityProvider(name, WECHAT, "wechat", wechat);

        upstreams.github().addApp(GITHUB_CLIENT_ID, SECRET);
        // Keycloak's GitHub provider takes one base URL for the browser and for its own calls.
        String githubBase = keycloak.reachableFromServer(upstreams.github().baseUrl());
        Map<String, String> github = new LinkedHashMap<>();
        github.put("clientId", GITHUB_CLIENT_ID);
        github.put("clientSecret", SECRET);
        github.put("baseUrl", githubBase);
        github.put("apiUrl", githubBase);
        github.put("githubJsonFormat", "true");
        keycloak.admin().createIdentityProvider(name, GITHUB, "github", github);
        return realm;
    }

    public String name() {
        return name;
    }

    /** The Keycloak the realm lives on. */
    KeycloakRuntime keycloak() {
        return keycloak;
    }

    /** The upstreams the realm's providers point at. */
    Upstreams upstreams() {
        return upstreams;
    }

    String oidcUrl(String endpoint) {
        return keycloak.baseUrl() + "/realms/" + name + "/protocol/openid-connect/" + endpoint;
    }

    private void createPkceClient() {
        ObjectNode client = (ObjectNode) keycloak.admin().createPublicClient(name, CLIENT_ID, REDIRECT_URI);
        ((ObjectNode) client.withObject("/attributes")).put("pkce.code.challenge.method", "S256");
        keycloak.admin().put("/admin/realms/" + name + "/clients/" + client.path("id").asText(), client).orThrow();
    }
}

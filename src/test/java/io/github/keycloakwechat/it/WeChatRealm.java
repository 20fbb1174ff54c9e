package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.KeycloakAdmin;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * A fresh realm with Keycloak's default settings, a public OIDC client, and WeChat providers pointed at
 * the simulator: what a Keycloak admin would set up, through the admin REST API.
 */
final class WeChatRealm {

    static final String CLIENT_ID = "test-app";
    /** Nothing listens there: the browser stops at the redirect and the test reads the code from it. */
    static final String CLIENT_REDIRECT_URI = "http://127.0.0.1:9/callback";

    private final KeycloakRuntime keycloak;
    private final WeChatSimulator sim;
    private final String name;

    private WeChatRealm(KeycloakRuntime keycloak, WeChatSimulator sim, String name) {
        this.keycloak = keycloak;
        this.sim = sim;
        this.name = name;
    }

    static WeChatRealm create(KeycloakRuntime keycloak, WeChatSimulator sim, String prefix) {
        return createNamed(keycloak, sim, prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A fresh realm of exactly this name, e.g. one a page of the docs uses; no other test may use the name. */
    static WeChatRealm createNamed(KeycloakRuntime keycloak, WeChatSimulator sim, String name) {
        WeChatRealm realm = new WeChatRealm(keycloak, sim, name);
        keycloak.admin().createRealm(realm.name);
        keycloak.admin().createPublicClient(realm.name, CLIENT_ID, CLIENT_REDIRECT_URI);
        return realm;
    }

    /** A realm that exists already (imported by the test). */
    static WeChatRealm existing(KeycloakRuntime keycloak, WeChatSimulator sim, String name) {
        return new WeChatRealm(keycloak, sim, name);
    }

    /** Turns on English and Simplified Chinese, as a realm serving people in China would. */
    void enableChinese() {
        admin().put("/admin/realms/" + name, Map.of("internationalizationEnabled", true,
                "supportedLocales", List.of("en", "zh-CN"), "defaultLocale", "en")).orThrow();
    }

    String name() {
        return name;
    }

    KeycloakAdmin admin() {
        return keycloak.admin();
    }

    /** Adds a WeChat provider the way an admin scripts it: the public config keys, defaults for the rest. */
    void addWeChat(String alias, String appId, String secret, Map<String, String> extraConfig) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("clientId", appId);
        config.put("clientSecret", secret);
        // The browser reaches the simulator directly; Keycloak may need another address for it (containers).
        config.put("openBaseUrl", sim.baseUrl());
        config.put("mpBaseUrl", sim.baseUrl());
        config.put("apiBaseUrl", serverUrlOf(sim.baseUrl()));
        config.putAll(extraConfig);
        admin().createIdentityProvider(name, alias, "wechat", config);
    }

    /** How Keycloak reaches a URL of the test host (the simulator). */
    String serverUrlOf(String hostUrl) {
        return keycloak.reachableFromServer(hostUrl);
    }

    WeChatLogin login(String alias) {
        return login(alias, newBrowser());
    }

    WeChatLogin login(String alias, Browser browser) {
        OidcLogin oidc = OidcLogin.of(keycloak, name, CLIENT_ID, CLIENT_REDIRECT_URI).idpHint(alias);
        return new WeChatLogin(browser, oidc, sim);
    }

    Browser newBrowser() {
        return new Browser();
    }

    /** A person's complete first sign-in: scan, review profile, signed in. */
    void signUp(String alias, String personId, String email) {
        signUp(login(alias), personId, email);
    }

    /** A person's complete first sign-in in the given login (browser): scan, review profile, signed in. */
    void signUp(WeChatLogin login, String personId, String email) {
        String code = login.completeProfile(login.scanAs(personId), email, "Test", "Person");
        login.exchangeForTokens(code);
    }

    /**
     * A person's complete first sign-in right after a failed one: it must create exactly one user, theirs, so the
     * failure left nothing behind that holds them off or half-made.
     */
    void signUpAfterAFailure(String alias, String personId) {
        int users = userCount();
        signUp(alias, personId, personId + "@example.com");
        userLinkedTo(sim.unionid(personId));
        assertEquals(users + 1, userCount(), "one user for " + personId);
    }

    /** Runs one action per person, all at the same moment, and waits for every one (failing with the first error). */
    static void allAtOnce(List<String> people, PersonAction action) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(people.size());
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (String person : people) {
                running.add(pool.submit(() -> {
                    action.run(person);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> each : running) {
                each.get(90, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface PersonAction {
        void run(String personId) throws Exception;
    }

    /** The realm's user profile, as Realm settings → User profile (JSON editor) shows it. */
    ObjectNode userProfile() {
        return (ObjectNode) admin().get(userProfilePath()).orThrow().json();
    }

    /** See {@link io.github.keycloakwechat.it.support.KeycloakAdmin#editUserProfile}. */
    void editUserProfile(java.util.function.Consumer<ObjectNode> change) {
        admin().editUserProfile(name, change);
    }

    /** "Create attribute": an attribute only admins view and edit. */
    void declareAttribute(String name) {
        editUserProfile(profile -> {
            ObjectNode attribute = ((com.fasterxml.jackson.databind.node.ArrayNode) profile.path("attributes")).addObject();
            attribute.put("name", name).put("displayName", name).put("multivalued", false);
            attribute.putObject("permissions").putArray("view").add("admin");
            ((ObjectNode) attribute.path("permissions")).putArray("edit").add("admin");
        });
    }

    /** Replaces an attribute's validators, as its Validations tab does. */
    void setValidations(String attributeName, Map<String, Object> validations) {
        editUserProfile(profile -> {
            for (JsonNode attribute : profile.path("attributes")) {
                if (attributeName.equals(attribute.path("name").asText())) {
                    ((ObjectNode) attribute).set("validations",
                            org.keycloak.util.JsonSerialization.mapper.valueToTree(validations));
                }
            }
        });
    }

    private String userProfilePath() {
        return "/admin/realms/" + name + "/users/profile";
    }

    String lastCallbackUrl() {
        return sim.lastCallbackUrl();
    }

    String callbackUrl(String alias) {
        return keycloak.baseUrl() + "/realms/" + name + "/broker/" + alias + "/endpoint";
    }

    /** A user an admin (or an older plugin) created, with a link to an identity provider alias. */
    String createLinkedUser(String username, String alias, String federatedUserId) {
        Map<String, Object> user = Map.of("username", username, "enabled", true, "email", username + "@example.com",
                "firstName", "Old", "lastName", "Plugin");
        String location = admin().post("/admin/realms/" + name + "/users", user).orThrow().location();
        String id = location.substring(location.lastIndexOf('/') + 1);
        admin().post("/admin/realms/" + name + "/users/" + id + "/federated-identity/" + alias,
                Map.of("identityProvider", alias, "userId", federatedUserId, "userName", federatedUserId)).orThrow();
        return id;
    }

    int userCount() {
        return admin().users(name).size();
    }

    /** The one user with this username; fails if there is none or more than one. */
    JsonNode onlyUser(String username) {
        List<JsonNode> matches = admin().users(name).stream()
                .filter(user -> username.equals(user.path("username").asText())).toList();
        assertEquals(1, matches.size(), "users named " + username + " in " + admin().users(name));
        return admin().user(name, matches.get(0).path("id").asText());
    }

    /** The one user linked to this WeChat id (the unionid, or the openid) through any provider of the realm. */
    JsonNode userLinkedTo(String wechatId) {
        JsonNode found = admin().get("/admin/realms/" + name + "/users?idpUserId="
                + java.net.URLEncoder.encode(wechatId, java.nio.charset.StandardCharsets.UTF_8)).orThrow().json();
        assertEquals(1, found.size(), "users linked to " + wechatId + ": " + found);
        return admin().user(name, found.get(0).path("id").asText());
    }

    List<String> attribute(JsonNode user, String attribute) {
        List<String> values = new ArrayList<>();
        user.path("attributes").path(attribute).forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The user's identity-provider links: alias to the id WeChat knows them by. */
    Map<String, String> links(JsonNode user) {
        Map<String, String> links = new HashMap<>();
        for (JsonNode link : admin().federatedIdentities(name, user.path("id").asText())) {
            links.put(link.path("identityProvider").asText(), link.path("userId").asText());
        }
        return links;
    }

    List<JsonNode> events(String type) {
        return admin().events(name, type);
    }

    JsonNode latestEvent(String type) {
        List<JsonNode> events = events(type);
        if (events.isEmpty()) {
            throw new AssertionError("No " + type + " event in realm " + name);
        }
        return events.get(0);
    }

    JsonNode providerRepresentation(String alias) {
        return admin().getIdentityProvider(name, alias);
    }
}

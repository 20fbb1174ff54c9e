package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.KeycloakAdmin;
import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The harness itself: a real Keycloak is up, and the admin client, the browser and the OIDC helper work with it. */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakHarnessIT {

    private static final String REALM = "harness-smoke";
    private static final String CLIENT = "smoke-app";
    /** Nothing listens there: the browser stops before following Keycloak's redirect back to the client. */
    private static final String REDIRECT_URI = "http://localhost:1/callback";

    private KeycloakRuntime keycloak;
    private KeycloakAdmin admin;

    @BeforeAll
    void createRealmAndClient(KeycloakRuntime keycloak) {
        this.keycloak = keycloak;
        this.admin = keycloak.admin();
        admin.deleteRealm(REALM);
        admin.createRealm(REALM);
        admin.createPublicClient(REALM, CLIENT, REDIRECT_URI);
    }

    @AfterAll
    void deleteRealm() {
        if (admin != null) {
            admin.deleteRealm(REALM);
        }
    }

    @Test
    void keycloakIsUpAndTheRealmExists() {
        assertTrue(keycloak.baseUrl().startsWith("http://localhost:"), keycloak.baseUrl());
        assertEquals(REALM, admin.get("/admin/realms/" + REALM).orThrow().json().path("realm").asText());
        JsonNode client = admin.get("/admin/realms/" + REALM + "/clients?clientId=" + CLIENT).orThrow().json().path(0);
        assertTrue(client.path("publicClient").asBoolean(), client.toString());
    }

    @Test
    void theClientsLoginPageRenders() {
        Page page = OidcLogin.of(keycloak, REALM, CLIENT, REDIRECT_URI).open(new Browser());

        assertEquals(200, page.status(), page.toString());
        assertNotNull(page.document().getElementById("kc-form-login"), page.toString());
    }

    @Test
    void aBuiltInIdentityProviderIsCreatedAndShownAsAButton() {
        JsonNode github = admin.createIdentityProvider(REALM, "github", "github",
                Map.of("clientId", "smoke-client-id", "clientSecret", "smoke-client-secret"));
        assertEquals("github", github.path("providerId").asText());
        assertEquals("**********", github.path("config").path("clientSecret").asText(), "admin GET masks the secret");

        Browser browser = new Browser().stopAt("https://github.com/");
        Page loginPage = OidcLogin.of(keycloak, REALM, CLIENT, REDIRECT_URI).open(browser);
        assertNotNull(loginPage.document().getElementById("social-github"), loginPage.toString());

        Page toGitHub = browser.clickLink(loginPage, "social-github");
        assertTrue(toGitHub.isRedirect(), toGitHub.toString());
        assertTrue(toGitHub.location().startsWith("https://github.com/login/oauth/authorize?"), toGitHub.location());
        assertTrue(toGitHub.location().contains("client_id=smoke-client-id"), toGitHub.location());
    }

    @Test
    void aPasswordSignInCompletesWithTokensAndIsRecordedAsEvents() {
        admin.post("/admin/realms/" + REALM + "/users", Map.of(
                "username", "alice", "enabled", true, "email", "alice@example.com", "emailVerified", true,
                "firstName", "Alice", "lastName", "Liddell",
                "credentials", List.of(Map.of("type", "password", "value", "alice-pw", "temporary", false)))).orThrow();
        Browser browser = new Browser();
        OidcLogin login = OidcLogin.of(keycloak, REALM, CLIENT, REDIRECT_URI);

        Page loginPage = login.open(browser);
        Page back = browser.submit(loginPage, "kc-form-login", Map.of("username", "alice", "password", "alice-pw"));
        JsonNode tokens = login.exchangeCode(login.code(back));

        JsonNode claims = OidcLogin.claims(tokens.path("id_token").asText());
        assertEquals("alice", claims.path("preferred_username").asText());
        assertEquals(login.nonce(), claims.path("nonce").asText());
        assertEquals("LOGIN", admin.events(REALM, "LOGIN").get(0).path("type").asText());
        assertFalse(admin.events(REALM, "CODE_TO_TOKEN").isEmpty());
        assertEquals(1, admin.users(REALM).size());
    }

    @Test
    void eventsAreSavedForTheTypesTheTestsNeed() {
        JsonNode config = admin.get("/admin/realms/" + REALM + "/events/config").orThrow().json();

        assertTrue(config.path("eventsEnabled").asBoolean(), config.toString());
        assertNotNull(admin.events(REALM), "the events endpoint answers");
        KeycloakAdmin.REQUIRED_EVENT_TYPES.forEach(type ->
                assertTrue(config.path("enabledEventTypes").toString().contains("\"" + type + "\""), type));
    }

    @Test
    void theServerLogHasKeycloaksStartupLine() {
        String version = System.getProperty("keycloak.dist.version", "26.7.0");
        assertTrue(keycloak.serverLog().contains("Keycloak " + version + " on JVM"), "startup line in the server log");
    }
}

package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakwechat.it.support.AdminResponse;
import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.OfficialAccountQrTickets;
import io.github.keycloakwechat.simulator.PushDelivery;
import io.github.keycloakwechat.simulator.PushMode;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An admin's view of the provider's secrets through Keycloak's admin REST API: every secret setting comes back as
 * Keycloak's mask, as {@code clientSecret} does, while sign-ins go on using the values; the admin console's way of
 * saving (the masks sent back) keeps them, a new value replaces one, a blank one removes it.
 */
@KeycloakIntegrationTest
class AdminApiSecretsIT {

    private static final String MASK = "**********";
    private static final String WEBSITE = "wx1a2b3c4d5e6f7a8b";
    private static final String OA = "wx2b3c4d5e6f7a8b9c";
    private static final String MINI = "wx3c4d5e6f7a8b9c0d";
    private static final String MOBILE = "wx4d5e6f7a8b9c0d1e";
    private static final String CLIENT_SECRET = "website-secret-Jd37Vb";
    private static final String OA_SECRET = "oa-secret-Hx81Kq";
    private static final String TOKEN = "MaskedToken2026x";
    private static final String AES_KEY = "Zyxwvutsrqponmlkjihgfedcba9876543210ABCDEFG";
    private static final String MINI_SECRET = "mini-secret-Pw92Lz";
    private static final String MOBILE_SECRET = "mobile-secret-Rt55Mn";
    private static final List<String> SECRETS = List.of(CLIENT_SECRET, OA_SECRET, TOKEN, AES_KEY, MINI_SECRET,
            MOBILE_SECRET);
    private static final List<String> SECRET_KEYS = List.of("officialAccountAppSecret", "officialAccountToken",
            "officialAccountEncodingAesKey", "miniProgramAppSecret", "mobileAppAppSecret");
    private static final String COMPONENT_TYPE = "io.github.keycloakwechat.secrets.WeChatSecretsProvider";
    private static final String MINI_CLIENT = "mini-program";

    private KeycloakRuntime keycloak;
    private WeChatSimulator sim;
    private WeChatRealm realm;

    @BeforeEach
    void startSimulator(KeycloakRuntime keycloak) {
        this.keycloak = keycloak;
        sim = WeChatSimulator.start(0);
        sim.addWebsiteApp(WEBSITE, CLIENT_SECRET, "localhost");
        sim.addOfficialAccount(OA, OA_SECRET, "localhost");
        sim.addMiniProgram(MINI, MINI_SECRET);
        sim.addMobileApp(MOBILE, MOBILE_SECRET);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void anAdminSavesAllFiveSecretsAndNoAdminAnswerShowsAnyOfThem() {
        newRealm("secrets-masked");

        addProvider("wechat", allSecrets());

        JsonNode provider = realm.providerRepresentation("wechat");
        for (String key : SECRET_KEYS) {
            assertEquals(MASK, provider.path("config").path(key).asText(), key);
        }
        assertEquals(MASK, provider.path("config").path("clientSecret").asText());
        assertNoSecretIn("the provider", provider.toString());
        assertNoSecretIn("the providers list",
                admin().get(realmPath() + "/identity-provider/instances?briefRepresentation=false").orThrow().body());
        String export = admin().post(realmPath() + "/partial-export?exportClients=false&exportGroupsAndRoles=false",
                Map.of()).orThrow().body();
        assertNoSecretIn("a partial export", export);
        assertTrue(export.contains(MASK), "the export shows the masks");
        JsonNode component = onlyComponent("wechat");
        for (String key : SECRET_KEYS) {
            assertEquals(MASK, component.path("config").path(key).path(0).asText(), "component " + key);
        }
        assertNoSecretIn("the components list", components().toString());
        assertNoSecretInLog();
    }

    @Test
    void signInsGoOnWithTheStoredSecretsAlsoAfterTheAdminConsoleSavesTheMasksBack() throws Exception {
        newRealm("secrets-signin");
        addProvider("wechat", allSecrets());
        sim.addPerson("meimei", "美美", null);

        assertCodeGrantSignsIn(MINI, sim.miniProgramLoginCode(MINI, "meimei"));
        assertCodeGrantSignsIn(MOBILE, sim.mobileAppCode(MOBILE, "meimei"));
        assertSafeModePushAccepted("beforeSave");

        // The admin console sends back what it got, masks included, when the admin changes something else.
        JsonNode representation = realm.providerRepresentation("wechat");
        ((ObjectNode) representation).put("displayName", "微信");
        admin().updateIdentityProvider(realm.name(), representation);

        assertCodeGrantSignsIn(MINI, sim.miniProgramLoginCode(MINI, "meimei"));
        assertCodeGrantSignsIn(MOBILE, sim.mobileAppCode(MOBILE, "meimei"));
        assertSafeModePushAccepted("afterSave");
        assertEquals("微信", realm.providerRepresentation("wechat").path("displayName").asText());
        assertNoSecretInLog();
    }

    @Test
    void aNewValueForOneSecretTakesEffectAndTheOthersAreKept() {
        newRealm("secrets-change");
        addProvider("wechat", allSecrets());
        sim.addPerson("lei", "雷", null);
        String newSecret = "mini-secret-rotated-Yq40Ws";
        sim.addMiniProgram(MINI, newSecret); // WeChat's "reset AppSecret"

        assertFalse(codeGrant().send(Map.of("appid", MINI, "code", sim.miniProgramLoginCode(MINI, "lei"),
                "provider", "wechat")).ok(), "the old secret no longer works at WeChat");
        admin().updateIdentityProvider(realm.name(), "wechat", Map.of("miniProgramAppSecret", newSecret));

        assertCodeGrantSignsIn(MINI, sim.miniProgramLoginCode(MINI, "lei"));
        assertCodeGrantSignsIn(MOBILE, sim.mobileAppCode(MOBILE, "lei"));
        assertEquals(MASK, realm.providerRepresentation("wechat").path("config").path("miniProgramAppSecret").asText());
        assertFalse(realm.providerRepresentation("wechat").toString().contains(newSecret));
        assertFalse(keycloak.serverLog().contains(newSecret), "the new secret is not logged");
    }

    @Test
    void aVaultReferenceIsShownAsItIsAndResolves() {
        newRealm("secrets-vault");
        addProvider("wechat", allSecrets());
        keycloak.putVaultSecret(realm.name(), "wechat_mini", MINI_SECRET);
        sim.addPerson("fang", "芳", null);

        admin().updateIdentityProvider(realm.name(), "wechat", Map.of("miniProgramAppSecret", "${vault.wechat_mini}"));

        assertEquals("${vault.wechat_mini}",
                realm.providerRepresentation("wechat").path("config").path("miniProgramAppSecret").asText());
        assertTrue(onlyComponent("wechat").path("config").path("miniProgramAppSecret").isMissingNode(),
                "nothing stored for a vault reference");
        assertCodeGrantSignsIn(MINI, sim.miniProgramLoginCode(MINI, "fang"));
        assertCodeGrantSignsIn(MOBILE, sim.mobileAppCode(MOBILE, "fang"));
    }

    @Test
    void aClearedSecretIsGoneAndWhereOneIsRequiredTheSaveIsRefused() {
        newRealm("secrets-clear");
        addProvider("wechat", allSecrets());

        ObjectNode withoutSecret = realm.providerRepresentation("wechat").deepCopy();
        withoutSecret.withObjectProperty("config").put("miniProgramAppSecret", "");
        AdminResponse refused = admin().put(realmPath() + "/identity-provider/instances/wechat", withoutSecret);
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("miniProgramAppSecret"), refused.body());

        Map<String, String> noMobileApp = new HashMap<>();
        noMobileApp.put("mobileAppAppId", null);
        noMobileApp.put("mobileAppAppSecret", "");
        admin().updateIdentityProvider(realm.name(), "wechat", noMobileApp);

        JsonNode config = realm.providerRepresentation("wechat").path("config");
        assertTrue(config.path("mobileAppAppSecret").isMissingNode(), config.toString());
        JsonNode stored = onlyComponent("wechat").path("config");
        assertTrue(stored.path("mobileAppAppSecret").isMissingNode(), stored.toString());
        assertEquals(MASK, stored.path("miniProgramAppSecret").path(0).asText(), "the others are kept");
    }

    /** E.g. a partial export (masked) imported elsewhere: saved, and the sign-in says what an admin must do. */
    @Test
    void aMaskWithNothingStoredBehindItIsAcceptedAndItsSignInsSayTheSecretCannotBeRead() {
        newRealm("secrets-nothing");
        Map<String, String> masked = allSecrets();
        masked.put("miniProgramAppSecret", MASK);
        addProvider("wechat", masked);
        sim.addPerson("kong", "空", null);

        var answer = codeGrant().send(Map.of("appid", MINI, "code", sim.miniProgramLoginCode(MINI, "kong"),
                "scope", "openid", "provider", "wechat"));

        assertEquals(503, answer.status(), answer.body().toString());
        assertEquals("temporarily_unavailable", answer.error());
        assertTrue(keycloak.serverLog().contains("WeChat provider wechat in realm " + realm.name()
                + ": the AppSecret of " + MINI + " is masked but none is stored for it"), "a WARN for the admin");
        assertCodeGrantSignsIn(MOBILE, sim.mobileAppCode(MOBILE, "kong"));
    }

    @Test
    void deletingTheProviderDeletesItsStoredSecrets() {
        newRealm("secrets-delete");
        addProvider("wechat", allSecrets());
        addProvider("wechat-other", allSecrets());
        assertEquals(2, components().size());

        admin().delete(realmPath() + "/identity-provider/instances/wechat").orThrow();

        assertEquals(List.of("wechat-other"), components().findValuesAsText("name"));
    }

    @Test
    void aRealmImportedWithPlainSecretsEndsMaskedAndSignsPeopleIn() {
        String name = "secrets-import-" + System.nanoTime();
        Map<String, Object> provider = Map.of("alias", "wechat", "providerId", "wechat", "enabled", true,
                "config", providerConfig(allSecrets()));
        Map<String, Object> client = Map.of("clientId", MINI_CLIENT, "publicClient", true, "enabled", true);
        admin().post("/admin/realms", Map.of("realm", name, "enabled", true, "identityProviders", List.of(provider),
                "clients", List.of(client))).orThrow();
        realm = WeChatRealm.existing(keycloak, sim, name);
        sim.addPerson("import", "导入", null);

        assertNoSecretIn("the imported provider", realm.providerRepresentation("wechat").toString());
        assertEquals(MASK, realm.providerRepresentation("wechat").path("config").path("mobileAppAppSecret").asText());
        assertCodeGrantSignsIn(MINI, sim.miniProgramLoginCode(MINI, "import"));
        assertCodeGrantSignsIn(MOBILE, sim.mobileAppCode(MOBILE, "import"));
        assertNoSecretInLog();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void newRealm(String prefix) {
        realm = WeChatRealm.create(keycloak, sim, prefix);
        admin().createPublicClient(realm.name(), MINI_CLIENT, "http://127.0.0.1:9/unused");
    }

    /** The five secret settings with their apps, as an admin first saves them. */
    private static Map<String, String> allSecrets() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("officialAccountAppId", OA);
        config.put("officialAccountAppSecret", OA_SECRET);
        config.put("officialAccountToken", TOKEN);
        config.put("officialAccountEncodingAesKey", AES_KEY);
        config.put("miniProgramAppId", MINI);
        config.put("miniProgramAppSecret", MINI_SECRET);
        config.put("mobileAppAppId", MOBILE);
        config.put("mobileAppAppSecret", MOBILE_SECRET);
        config.put("codeGrantClients", MINI_CLIENT);
        return config;
    }

    private void addProvider(String alias, Map<String, String> config) {
        realm.addWeChat(alias, WEBSITE, CLIENT_SECRET, config);
    }

    /** A provider's whole config, for a realm import (what WeChatRealm.addWeChat adds, and the given keys). */
    private Map<String, String> providerConfig(Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("clientId", WEBSITE);
        config.put("clientSecret", CLIENT_SECRET);
        config.put("openBaseUrl", sim.baseUrl());
        config.put("mpBaseUrl", sim.baseUrl());
        config.put("apiBaseUrl", keycloak.reachableFromServer(sim.baseUrl()));
        config.putAll(extra);
        return config;
    }

    private void assertCodeGrantSignsIn(String appId, String code) {
        var answer = codeGrant().send(Map.of("appid", appId, "code", code, "scope", "openid", "provider", "wechat"));
        assertTrue(answer.ok(), appId + ": " + answer.body());
    }

    private CodeGrant codeGrant() {
        return CodeGrant.publicClient(keycloak, realm.name(), MINI_CLIENT);
    }

    /** WeChat's signed, encrypted push of a scan: checked with the Token, decrypted with the EncodingAESKey. */
    private void assertSafeModePushAccepted(String scene) throws Exception {
        String endpoint = keycloak.baseUrl() + "/realms/" + realm.name() + "/broker/wechat/endpoint/messages";
        sim.configureMessageServer(OA, endpoint, TOKEN, AES_KEY, PushMode.SAFE);
        PushDelivery delivery = sim.scanQrTicket(ticket(scene), "meimei");
        assertEquals(PushDelivery.Status.ACKNOWLEDGED, delivery.status(), String.valueOf(delivery.lastAttempt()));
        assertEquals("success", delivery.lastAttempt().reply());
    }

    private String ticket(String scene) throws Exception {
        return OfficialAccountQrTickets.issue(sim.baseUrl(), OA, OA_SECRET, scene);
    }


    /** The realm's components holding WeChat providers' secrets, as {@code GET .../components?type=} shows them. */
    private JsonNode components() {
        return admin().get(realmPath() + "/components?type=" + COMPONENT_TYPE).orThrow().json();
    }

    private JsonNode onlyComponent(String alias) {
        JsonNode all = components();
        assertEquals(1, all.size(), all.toString());
        assertEquals(alias, all.path(0).path("name").asText());
        return all.path(0);
    }

    private void assertNoSecretIn(String what, String body) {
        for (String secret : SECRETS) {
            assertFalse(body.contains(secret), what + " shows a secret: " + body);
        }
    }

    private void assertNoSecretInLog() {
        String log = keycloak.serverLog();
        for (String secret : SECRETS) {
            assertFalse(log.contains(secret), "Keycloak's log shows a secret");
        }
    }

    private io.github.keycloakwechat.it.support.KeycloakAdmin admin() {
        return keycloak.admin();
    }

    private String realmPath() {
        return "/admin/realms/" + realm.name();
    }
}

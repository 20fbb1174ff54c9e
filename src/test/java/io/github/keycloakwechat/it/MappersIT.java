package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's identity-provider mappers work with WeChat as with GitHub or Google: the WeChat "Attribute Importer" copies
 * profile fields into user attributes, and Keycloak's generic hardcoded mappers apply, in sync modes "import" and
 * "force". With only mappers that never read the profile, a returning person still costs one WeChat call.
 */
class MappersIT extends WeChatScenario {

    private static final String APP = "wx3e4f5a6b7c8d9e0f";
    private static final String SECRET = "mapper-secret-Mm7";
    /** Mappers only write attributes the realm's user profile declares: the admin declares them first. */
    private static final List<String> DECLARED = List.of("wechatName", "wechatId", "gender", "channel");

    @Override
    protected String realmPrefix() {
        return "mappers";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP, SECRET, "localhost");
        DECLARED.forEach(realm::declareAttribute);
        realm.admin().post("/admin/realms/" + realm.name() + "/roles", Map.of("name", "wechat-user")).orThrow();
        realm.admin().post("/admin/realms/" + realm.name() + "/groups", Map.of("name", "WeChat people")).orThrow();
        for (String mode : List.of("IMPORT", "FORCE")) {
            String alias = "importer-" + mode.toLowerCase();
            realm.addWeChat(alias, APP, SECRET, Map.of("syncMode", mode));
            mapper(alias, "wechat-user-attribute-mapper", Map.of("jsonField", "nickname", "userAttribute", "wechatName"));
            mapper(alias, "wechat-user-attribute-mapper", Map.of("jsonField", "unionid", "userAttribute", "wechatId"));
            mapper(alias, "wechat-user-attribute-mapper", Map.of("jsonField", "sex", "userAttribute", "gender"));
            String hardcoded = "hardcoded-" + mode.toLowerCase();
            realm.addWeChat(hardcoded, APP, SECRET, Map.of("syncMode", mode));
            mapper(hardcoded, "oidc-hardcoded-role-idp-mapper", Map.of("role", "wechat-user"));
            mapper(hardcoded, "hardcoded-attribute-idp-mapper", Map.of("attribute", "channel", "attribute.value", "wechat"));
            mapper(hardcoded, "oidc-hardcoded-group-idp-mapper", Map.of("group", "/WeChat people"));
        }
    }

    @Test
    void theAttributeImporterIsOfferedForWeChatInTheMappersTab() {
        JsonNode types = realm.admin().get("/admin/realms/" + realm.name()
                + "/identity-provider/instances/importer-import/mapper-types").orThrow().json();
        JsonNode importer = types.path("wechat-user-attribute-mapper");
        assertEquals("Attribute Importer", importer.path("name").asText(), types.toString());
        assertTrue(types.has("oidc-hardcoded-role-idp-mapper"), "Keycloak's generic mappers too");
    }

    @Test
    void inImportModeTheImporterFillsAttributesAtSignUpAndLeavesThemAfterwards() {
        sim.addPerson("imported", "导入者", null);
        realm.signUp("importer-import", "imported", "imported@example.com");
        JsonNode user = realm.userLinkedTo(sim.unionid("imported"));
        assertEquals(List.of("导入者"), realm.attribute(user, "wechatName"));
        assertEquals(List.of(sim.unionid("imported")), realm.attribute(user, "wechatId"));
        assertEquals(List.of("0"), realm.attribute(user, "gender"), "WeChat's sex field as sent (0 since 2021)");

        sim.addPerson("imported", "改名者", null);
        WeChatLogin again = realm.login("importer-import");
        again.exchangeForTokens(again.scanAsReturning("imported"));

        assertEquals(List.of("导入者"), realm.attribute(realm.userLinkedTo(sim.unionid("imported")), "wechatName"),
                "import mode: set once");
    }

    @Test
    void inForceModeTheImporterUpdatesAttributesOnEverySignIn() {
        sim.addPerson("forced", "旧名", null);
        realm.signUp("importer-force", "forced", "forced@example.com");
        sim.addPerson("forced", "新名", null);

        WeChatLogin again = realm.login("importer-force");
        again.exchangeForTokens(again.scanAsReturning("forced"));

        assertEquals(List.of("新名"), realm.attribute(realm.userLinkedTo(sim.unionid("forced")), "wechatName"));
    }

    @Test
    void hardcodedMappersApplyInBothModesAndAReturningPersonCostsOneWeChatCall() {
        for (String mode : List.of("import", "force")) {
            String person = "hard-" + mode;
            sim.addPerson(person, "固定" + mode, null);
            realm.signUp("hardcoded-" + mode, person, person + "@example.com");
            JsonNode user = realm.userLinkedTo(sim.unionid(person));
            String id = user.path("id").asText();
            assertEquals(List.of("wechat"), realm.attribute(user, "channel"), mode);
            assertTrue(realm.admin().get("/admin/realms/" + realm.name() + "/users/" + id + "/role-mappings/realm")
                    .orThrow().body().contains("\"wechat-user\""), mode + ": hardcoded role");
            assertTrue(realm.admin().get("/admin/realms/" + realm.name() + "/users/" + id + "/groups").orThrow().body()
                    .contains("WeChat people"), mode + ": hardcoded group");

            int userinfoBefore = sim.calls(SimEndpoint.USERINFO);
            int exchangesBefore = sim.calls(SimEndpoint.ACCESS_TOKEN);
            WeChatLogin again = realm.login("hardcoded-" + mode);
            again.exchangeForTokens(again.scanAsReturning(person));

            assertEquals(exchangesBefore + 1, sim.calls(SimEndpoint.ACCESS_TOKEN), mode);
            // Force mode refreshes the nickname and avatar, which needs the profile; import mode needs nothing more.
            assertEquals(userinfoBefore + ("force".equals(mode) ? 1 : 0), sim.calls(SimEndpoint.USERINFO),
                    mode + ": no profile call that nothing reads");
        }
    }

    private void mapper(String alias, String type, Map<String, String> config) {
        realm.admin().post("/admin/realms/" + realm.name() + "/identity-provider/instances/" + alias + "/mappers",
                Map.of("name", type + "-" + config.hashCode(), "identityProviderAlias", alias,
                        "identityProviderMapper", type, "config", withSyncMode(config))).orThrow();
    }

    private static Map<String, String> withSyncMode(Map<String, String> config) {
        Map<String, String> all = new java.util.HashMap<>(config);
        all.put("syncMode", "INHERIT");
        return all;
    }
}

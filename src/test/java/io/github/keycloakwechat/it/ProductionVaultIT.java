package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.keycloakwechat.it.CleanFailure.Expected;
import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vault file names of the production recipe (docs/production.md, section 5), on a real Keycloak: the
 * secret is written to the file the page names, spelt out here as an operator types it, and a WeChat provider
 * whose Client Secret is {@code ${vault.wechat_appsecret}} signs a person in with it.
 */
@KeycloakIntegrationTest
class ProductionVaultIT {

    private static final String APP_ID = "wx6d7e8f9a0b1c2d3e";
    private static final String SECRET = "production-vault-Qw3Er5";
    private static final String REFERENCE = "${vault.wechat_appsecret}";

    @ParameterizedTest(name = "realm {0}: file {1}")
    @CsvSource({
            "acme,    acme_wechat__appsecret",
            "acme_cn, acme__cn_wechat__appsecret",
    })
    void theAppSecretIsReadFromTheFileTheRecipeNames(String realmName, String vaultFile, KeycloakRuntime keycloak)
            throws IOException {
        assertTrue(page("docs/production.md").contains("`" + vaultFile + "`"), "docs/production.md names " + vaultFile);
        assertTrue(page("docs/production.zh-CN.md").contains("`" + vaultFile + "`"), "production.zh-CN.md names " + vaultFile);
        try (WeChatSimulator sim = WeChatSimulator.start(0)) {
            sim.addWebsiteApp(APP_ID, SECRET, "localhost");
            sim.addPerson("zhangwei", "张伟", null);
            WeChatRealm realm = WeChatRealm.createNamed(keycloak, sim, realmName);
            keycloak.putVaultFile(vaultFile, SECRET);
            realm.addWeChat("wechat", APP_ID, REFERENCE, Map.of());

            realm.signUp("wechat", "zhangwei", "zhangwei@example.com");

            realm.userLinkedTo(sim.unionid("zhangwei"));
            assertEquals(REFERENCE, realm.providerRepresentation("wechat").path("config").path("clientSecret").asText());
        }
    }

    /** What the recipe warns of: {@code echo} adds a newline, which Keycloak's vault keeps as part of the secret. */
    @Test
    void aTrailingNewlineInTheFileBecomesPartOfTheAppSecret(KeycloakRuntime keycloak) {
        try (WeChatSimulator sim = WeChatSimulator.start(0)) {
            sim.addWebsiteApp(APP_ID, SECRET, "localhost");
            sim.addPerson("wangfang", "王芳", null);
            WeChatRealm realm = WeChatRealm.createNamed(keycloak, sim, "acme-echo");
            keycloak.putVaultFile("acme-echo_wechat__appsecret", SECRET + "\n");
            realm.addWeChat("wechat", APP_ID, REFERENCE, Map.of());
            CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

            Page page = realm.login("wechat").scanExpectingError("wangfang");

            watch.check("AppSecret with a trailing newline", page, Expected.wechat(
                    "Signing in with WeChat is not set up correctly", "configuration_error", 40125, "/sns/oauth2/access_token"));
        }
    }

    private static String page(String path) throws IOException {
        return Files.readString(Path.of(System.getProperty("basedir", ".")).resolve(path), StandardCharsets.UTF_8);
    }
}

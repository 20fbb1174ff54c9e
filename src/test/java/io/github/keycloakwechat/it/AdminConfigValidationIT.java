package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.github.keycloakwechat.it.support.AdminResponse;
import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An admin scripting the provider through the admin REST API: a bad value is refused on save with a
 * message naming the field, never stored to fail later at login.
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConfigValidationIT {

    private KeycloakRuntime keycloak;
    private String realm;

    @BeforeAll
    void setUp(KeycloakRuntime keycloak) {
        this.keycloak = keycloak;
        this.realm = "config-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.admin().createRealm(realm);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
            "clientId|not-an-appid|clientId",
            "clientId|wx123|clientId",
            "officialAccountAppId|wxZZZZZZZZZZZZZZZZ|officialAccountAppId",
            "officialAccountScope|snsapi_login|officialAccountScope",
            "brokeredId|email|brokeredId",
            "apiBaseUrl|ftp://api.weixin.qq.com|apiBaseUrl",
            "openBaseUrl|not a url|openBaseUrl",
            "mpBaseUrl|mp.weixin.qq.com|mpBaseUrl",
            "kcTheme-followQr|yes|kcTheme-followQr",
            "apiBaseUrl|http://api.weixin.qq.com|apiBaseUrl",
            "timeoutMillis|forever|timeoutMillis",
            "timeoutMillis|600000|timeoutMillis",
            "miniProgramAppId|wxZZZZZZZZZZZZZZZZ|miniProgramAppId",
            "mobileAppAppId|app-1|mobileAppAppId",
            "codeGrantNewUsers|maybe|codeGrantNewUsers",
            "codeGrantClients|mini program|codeGrantClients",
            "officialAccountToken|ab|officialAccountToken",
            "officialAccountToken|token with spaces|officialAccountToken",
            "officialAccountEncodingAesKey|tooShortKey|officialAccountEncodingAesKey"})
    void aBadValueIsRefusedWithAMessageNamingTheField(String key, String value, String named) {
        Map<String, String> config = new HashMap<>(Map.of("clientId", "wx0123456789abcdef", "clientSecret", "s"));
        if (key.endsWith("AppId") && !key.equals("clientId")) {
            // The AppID's secret is set: the refusal is about the AppID's form.
            config.put(key.replace("AppId", "AppSecret"), "app-secret");
        }
        if (key.startsWith("officialAccount") && !key.endsWith("AppId") && !key.endsWith("Scope")) {
            // The server configuration's values belong to a configured Official Account with a Token.
            config.putAll(Map.of("officialAccountAppId", "wx0123456789abcdef", "officialAccountAppSecret", "s",
                    "officialAccountToken", "Token123"));
        }
        config.put(key, value);

        AdminResponse response = keycloak.admin().post("/admin/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "bad-" + UUID.randomUUID().toString().substring(0, 6), "providerId", "wechat",
                        "enabled", true, "config", config));

        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains(named), response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a Token without an Official Account|officialAccountToken|Token123|set officialAccountAppId first",
            "an EncodingAESKey without a Token|officialAccountEncodingAesKey|abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG|needs officialAccountToken",
            "follow to sign in without an Official Account|kcTheme-followQr|true|kcTheme-followQr needs the Official Account",
            "follow to sign in without the server Token|kcTheme-followQr|true|kcTheme-followQr needs the Official Account"})
    void theMessageServerSettingsBelongToAnOfficialAccountWithAToken(String name, String key, String value, String says) {
        Map<String, String> config = new HashMap<>(Map.of("clientId", "wx0123456789abcdef", "clientSecret", "s", key, value));
        if (key.endsWith("AesKey") || name.contains("without the server Token")) {
            config.putAll(Map.of("officialAccountAppId", "wx0123456789abcdef", "officialAccountAppSecret", "s"));
        }

        AdminResponse response = keycloak.admin().post("/admin/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "oa-" + UUID.randomUUID().toString().substring(0, 6), "providerId", "wechat",
                        "enabled", true, "config", config));

        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains(says), response.body());
    }

    @Test
    void followToSignInAndTheEmbeddedQrCodeCannotBothFillThePanel() {
        Map<String, String> config = Map.of("clientId", "wx0123456789abcdef", "clientSecret", "s",
                "officialAccountAppId", "wx0123456789abcdef", "officialAccountAppSecret", "s",
                "officialAccountToken", "Token123", "kcTheme-followQr", "true", "kcTheme-embeddedQr", "true");

        AdminResponse response = keycloak.admin().post("/admin/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "both-" + UUID.randomUUID().toString().substring(0, 6), "providerId", "wechat",
                        "enabled", true, "config", config));

        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("switch one of them off"), response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Official Account AppID without its secret|officialAccountAppId|wx0123456789abcdef",
            "Official Account secret without its AppID|officialAccountAppSecret|secret",
            "mini program AppID without its secret|miniProgramAppId|wx0123456789abcdef",
            "mini program secret without its AppID|miniProgramAppSecret|secret",
            "mobile app AppID without its secret|mobileAppAppId|wx0123456789abcdef",
            "mobile app secret without its AppID|mobileAppAppSecret|${vault.mobile}"})
    void anAppsAppIdAndSecretComeTogether(String name, String key, String value) {
        Map<String, String> config = new HashMap<>(Map.of("clientId", "wx0123456789abcdef", "clientSecret", "s", key, value));

        AdminResponse response = keycloak.admin().post("/admin/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "pair-" + UUID.randomUUID().toString().substring(0, 6), "providerId", "wechat",
                        "enabled", true, "config", config));

        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("must be set together"), response.body());
    }
}

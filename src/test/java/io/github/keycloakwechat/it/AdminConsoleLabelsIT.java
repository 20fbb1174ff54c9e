package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import org.junit.jupiter.api.Test;

/**
 * What an admin reads on the WeChat provider's page: every field of ours has a label and help text in
 * English and Simplified Chinese, served by Keycloak to its admin console in the admin's locale.
 */
@KeycloakIntegrationTest
class AdminConsoleLabelsIT {

    private static Map<String, String> adminMessages(KeycloakRuntime keycloak, String locale) {
        JsonNode list = keycloak.admin().get("/resources/master/admin/" + locale).orThrow().json();
        Map<String, String> messages = new HashMap<>();
        list.forEach(entry -> messages.put(entry.path("key").asText(), entry.path("value").asText()));
        return messages;
    }

    @Test
    void everyFieldOfOursIsLabelledAndExplainedInEnglishAndChinese(KeycloakRuntime keycloak) {
        JsonNode properties = keycloak.admin().get("/admin/realms/master/identity-provider/providers/wechat")
                .orThrow().json().path("configProperties");
        Map<String, String> english = adminMessages(keycloak, "en");
        Map<String, String> chinese = adminMessages(keycloak, "zh-CN");

        assertTrue(properties.size() >= 7, "our fields: " + properties);
        for (JsonNode property : properties) {
            String label = property.path("label").asText();
            String help = property.path("helpText").asText();
            for (Map<String, String> bundle : java.util.List.of(english, chinese)) {
                assertNotNull(bundle.get(label), "a translation of " + label);
                assertNotNull(bundle.get(help), "a translation of " + help);
            }
            assertFalse(english.get(help).equals(chinese.get(help)), "help of " + label + " is translated");
        }
        assertEquals("Official Account AppID (mp.weixin.qq.com)", english.get("wechatOfficialAccountAppIdLabel"));
        assertEquals("公众号 AppID（mp.weixin.qq.com）", chinese.get("wechatOfficialAccountAppIdLabel"));
    }

    @Test
    void theOfficialAccountSecretIsAPasswordField(KeycloakRuntime keycloak) {
        JsonNode properties = keycloak.admin().get("/admin/realms/master/identity-provider/providers/wechat")
                .orThrow().json().path("configProperties");
        for (JsonNode property : properties) {
            if ("officialAccountAppSecret".equals(property.path("name").asText())) {
                assertEquals("Password", property.path("type").asText());
                assertTrue(property.path("secret").asBoolean());
                return;
            }
        }
        throw new AssertionError("no officialAccountAppSecret field in " + properties);
    }
}

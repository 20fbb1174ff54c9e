package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakwechat.it.support.AdminResponse;
import org.junit.jupiter.api.Test;

/**
 * Usernames people and admins can read: new WeChat people get a short, stable username by default, and an admin may
 * make them from the nickname. A username is chosen once, at sign-up; two people never get the same one.
 */
class UsernamesIT extends WeChatScenario {

    private static final String APP = "wx2d3e4f5a6b7c8d9e";
    private static final String SECRET = "username-secret-Uu5";
    private static final String SHORT_ID = "[0-9a-f]{8}";

    @Override
    protected String realmPrefix() {
        return "usernames";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP, SECRET, "localhost");
        realm.addWeChat("wechat", APP, SECRET, Map.of());
        realm.addWeChat("bynickname", APP, SECRET, Map.of("usernameTemplate", "${nickname}_${id}",
                "syncMode", "FORCE"));
    }

    @Test
    void aNewPersonGetsAShortUsernameThatStaysTheSameOnLaterSignIns() {
        sim.addPerson("short", "短", null);
        realm.signUp("wechat", "short", "short@example.com");
        String username = realm.userLinkedTo(sim.unionid("short")).path("username").asText();
        assertTrue(username.matches("wechat_" + SHORT_ID), "short and unique: " + username);

        WeChatLogin again = realm.login("wechat");
        again.exchangeForTokens(again.scanAsReturning("short"));

        assertEquals(username, realm.userLinkedTo(sim.unionid("short")).path("username").asText());
    }

    @Test
    void twoPeopleWithTheSameNicknameSigningUpAtOnceGetTwoReadableUsernames() throws Exception {
        sim.addPerson("tom1", "Tom & Jerry", null);
        sim.addPerson("tom2", "Tom & Jerry", null);

        WeChatRealm.allAtOnce(List.of("tom1", "tom2"), person -> realm.signUp("bynickname", person, person + "@example.com"));

        String first = realm.userLinkedTo(sim.unionid("tom1")).path("username").asText();
        String second = realm.userLinkedTo(sim.unionid("tom2")).path("username").asText();
        assertTrue(first.matches("tomjerry_" + SHORT_ID), first);
        assertTrue(second.matches("tomjerry_" + SHORT_ID), second);
        assertNotEquals(first, second, "never the same username");
    }

    @Test
    void aChineseNicknameBecomesPartOfTheUsernameOnlyWhereTheRealmAcceptsChineseUsernames() {
        sim.addPerson("xiaoming", "小明", null);
        realm.signUp("bynickname", "xiaoming", "xiaoming@example.com");
        // Keycloak's default username validation takes Latin letters only (up-username-not-idn-homograph).
        assertTrue(realm.userLinkedTo(sim.unionid("xiaoming")).path("username").asText().matches("wechat_" + SHORT_ID));

        WeChatRealm chinese = WeChatRealm.create(keycloak, sim, "chinese-usernames");
        chinese.addWeChat("bynickname", APP, SECRET, Map.of("usernameTemplate", "${nickname}_${id}"));
        allowAnyScriptInUsernames(chinese);
        chinese.signUp("bynickname", "xiaoming", "xiaoming@example.com");

        String username = chinese.userLinkedTo(sim.unionid("xiaoming")).path("username").asText();
        assertTrue(username.matches("小明_" + SHORT_ID), username);
    }

    @Test
    void aUsernameIsChosenOnceEvenWhenTheNicknameChanges() {
        sim.addPerson("renamed", "Old Name", null);
        realm.signUp("bynickname", "renamed", "renamed@example.com");
        String before = realm.userLinkedTo(sim.unionid("renamed")).path("username").asText();
        assertTrue(before.matches("oldname_" + SHORT_ID), before);

        sim.addPerson("renamed", "New Name", null);
        WeChatLogin again = realm.login("bynickname");
        again.exchangeForTokens(again.scanAsReturning("renamed"));

        JsonNode user = realm.userLinkedTo(sim.unionid("renamed"));
        assertEquals(before, user.path("username").asText(), "the username stays");
        assertEquals(List.of("New Name"), realm.attribute(user, "wechat_nickname"), "force mode updated the nickname");
    }

    @Test
    void anAdminIsRefusedATemplateThatCouldMakeTwoPeopleCollide() {
        for (String template : List.of("wechat_${nickname}", "${foo}_${id}", "my user ${id}")) {
            AdminResponse refused = realm.admin().post("/admin/realms/" + realm.name() + "/identity-provider/instances",
                    Map.of("alias", "refused", "providerId", "wechat", "enabled", true, "config",
                            Map.of("clientId", APP, "clientSecret", SECRET, "usernameTemplate", template)));
            assertEquals(400, refused.status(), template + ": " + refused.body());
            assertTrue(refused.body().contains("usernameTemplate"), refused.body());
        }
    }

    /** An admin who lets usernames use any script: removes Keycloak's Latin-only check from the username attribute. */
    private static void allowAnyScriptInUsernames(WeChatRealm target) {
        target.editUserProfile(profile -> {
            for (JsonNode attribute : profile.path("attributes")) {
                if ("username".equals(attribute.path("name").asText())) {
                    ((ObjectNode) attribute.path("validations")).remove("up-username-not-idn-homograph");
                }
            }
        });
    }
}

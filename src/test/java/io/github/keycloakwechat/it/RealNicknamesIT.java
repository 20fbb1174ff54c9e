package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * People with real WeChat nicknames get through Keycloak's review-profile page without editing a field they never
 * typed: the first name is prefilled with as much of the nickname as the realm's own user-profile validation accepts,
 * in a realm with Keycloak's defaults and in realms whose admin tightened or loosened the first name's validators.
 * The whole nickname stays in {@code wechat_nickname}.
 */
class RealNicknamesIT extends WeChatScenario {

    private static final String APP = "wx1c2d3e4f5a6b7c8d";
    private static final String SECRET = "nickname-secret-Nn3";

    @Override
    protected String realmPrefix() {
        return "nicknames";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP, SECRET, "localhost");
        realm.addWeChat("wechat", APP, SECRET, Map.of());
    }

    static Stream<Arguments> nicknames() {
        return Stream.of(
                arguments("小明!", "小明"),
                arguments("~小美~", "小美"),
                arguments("Tom & Jerry", "Tom Jerry"),
                arguments("猫(喵)", "猫喵"),
                arguments("a/b", "ab"),
                arguments("{x}", "x"),
                arguments("李雷 & 韩梅梅 [2024]", "李雷 韩梅梅 2024"),
                arguments("🌸花👩‍👩‍👧", "🌸花👩‍👩‍👧"),
                arguments("「小红」，你好。", "「小红」，你好。"),
                arguments("小红！", "小红！"),
                arguments("O'Brien-张", "O'Brien-张"),
                arguments("长".repeat(300), "长".repeat(255)));
    }

    @ParameterizedTest(name = "nickname {0} → first name {1}")
    @MethodSource("nicknames")
    void aRealNicknameIsPrefilledAsKeycloakAcceptsItAndTheFormGoesThroughUnchanged(String nickname, String firstName) {
        String person = personFor(nickname);
        sim.addPerson(person, nickname, null);

        JsonNode user = signUpKeepingThePrefill(realm, person, firstName);

        assertEquals(firstName, user.path("firstName").asText(), "the first name Keycloak stored");
        assertEquals(List.of(nickname.length() > 255 ? nickname.substring(0, 255) : nickname),
                realm.attribute(user, "wechat_nickname"), "the whole nickname is kept");
    }

    @Test
    void aNicknameOfOnlySymbolsLeavesTheFirstNameForThePersonToType() {
        sim.addPerson("symbols", "!!!~~~???", null);
        WeChatLogin login = realm.login("wechat");

        Page review = login.scanAs("symbols");

        assertEquals("", review.document().getElementById("firstName").val(), "nothing usable: an empty field");
        login.exchangeForTokens(login.completeProfile(review, "symbols@example.com", "Fu", "Hao"));
        assertEquals(List.of("!!!~~~???"), realm.attribute(realm.userLinkedTo(sim.unionid("symbols")), "wechat_nickname"));
    }

    @Test
    void inARealmThatOnlyAcceptsChineseNamesOnlyTheChineseCharactersArePrefilled() {
        WeChatRealm strict = WeChatRealm.create(keycloak, sim, "han-only");
        strict.addWeChat("wechat", APP, SECRET, Map.of());
        strict.setValidations("firstName", Map.of("pattern", Map.of("pattern", "^[\\p{IsHan}·]+$",
                "error-message", "Chinese characters only")));
        sim.addPerson("han-mixed", "Tom & 小明 (2024)", null);
        sim.addPerson("han-none", "Tom", null);

        assertEquals("小明", signUpKeepingThePrefill(strict, "han-mixed", "小明").path("firstName").asText());
        WeChatLogin login = strict.login("wechat");
        Page review = login.scanAs("han-none");
        assertEquals("", review.document().getElementById("firstName").val(), "nothing the realm accepts");
    }

    @Test
    void inARealmThatAllowsEveryCharacterTheNicknameIsPrefilledAsItIs() {
        WeChatRealm loose = WeChatRealm.create(keycloak, sim, "any-name");
        loose.addWeChat("wechat", APP, SECRET, Map.of());
        loose.setValidations("firstName", Map.of("length", Map.of("max", 255)));
        sim.addPerson("loose", "小明! ~(喵)~", null);

        assertEquals("小明! ~(喵)~", signUpKeepingThePrefill(loose, "loose", "小明! ~(喵)~").path("firstName").asText());
    }

    /** Scans, checks the prefilled first name, submits the form as shown with only e-mail and last name typed. */
    private JsonNode signUpKeepingThePrefill(WeChatRealm target, String person, String expectedFirstName) {
        WeChatLogin login = target.login("wechat");
        Page review = login.scanAs(person);
        assertEquals(expectedFirstName, review.document().getElementById("firstName").val(), "prefilled first name");
        String code = login.completeProfileAsShown(review, Map.of("email", person + "@example.com", "lastName", "Test"));
        assertNotNull(login.exchangeForTokens(code).get("access_token"), "signed in with the form unchanged");
        return target.userLinkedTo(sim.unionid(person));
    }

    private static String personFor(String nickname) {
        return "nick" + Integer.toHexString(nickname.hashCode());
    }
}

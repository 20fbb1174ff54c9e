package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WeChat profiles with unusual content: the sign-in works, and the data is safe. The nickname reaches the
 * review-profile form as text (never as markup), cleaned of characters that could garble or disguise what
 * follows it, and capped to what Keycloak's profile accepts; an avatar that is not an https URL is never stored.
 * Emoji under every Content-Type WeChat sends are covered by {@link WebsiteQrLoginIT}.
 */
class UnusualProfilesIT extends WeChatScenario {

    private static final String APP_ID = "wx6f708192a3b4c5d6";
    private static final String SECRET = "it-profile-secret-Lc9h";

    @Override
    protected String realmPrefix() {
        return "profiles";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP_ID, SECRET, "localhost");
        realm.addWeChat("wechat", APP_ID, SECRET, Map.of());
    }

    static Stream<Arguments> nicknames() {
        return Stream.of(
                arguments("4-byte emoji and a family sequence", "emoji", "小龙🐉🌸👨‍👩‍👧", "小龙🐉🌸👨‍👩‍👧"),
                arguments("control characters", "control", "李\u0000华\u0007\t小\u001b\u007f红\n", "李华小红"),
                arguments("right-to-left text", "rtl", "سلام עולם", "سلام עולם"),
                arguments("a right-to-left override", "override", "Ali\u202Egnp.exe", "Alignp.exe"),
                arguments("500 characters", "long", "长".repeat(500), "长".repeat(255)));
    }

    @ParameterizedTest(name = "nickname: {0}")
    @MethodSource("nicknames")
    void anUnusualNicknameSignsInAndIsKeptAsCleanText(String story, String person, String sent, String kept) {
        sim.addPerson(person, sent, null);
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);
        WeChatLogin login = realm.login("wechat");

        Page review = login.scanAs(person);
        assertEquals(kept, review.document().getElementById("firstName").val(), story + ": prefilled first name");
        // The person keeps the nickname as first name: Keycloak's own profile validation must accept it.
        String code = login.completeProfile(review, person + "@example.com", kept, "Test");
        assertNotNull(login.exchangeForTokens(code).get("access_token"), story + ": signed in");

        JsonNode user = realm.userLinkedTo(sim.unionid(person));
        assertEquals(kept, user.path("firstName").asText(), story + ": first name");
        assertEquals(List.of(kept), realm.attribute(user, "wechat_nickname"), story + ": WeChat nickname");
        watch.checkSignedIn(story, 1);
        System.out.printf("OBSERVED | nickname: %s | signed in | first name and wechat_nickname: %s (%d chars) | users +1%n",
                story, escape(kept), kept.length());
    }

    @Test
    void aNicknameWithAScriptTagIsShownAsTextAndNeverRuns() throws Exception {
        String nickname = "<script>alert('wechat')</script>小明";
        sim.addPerson("scripted", nickname, null);
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);
        WeChatLogin login = realm.login("wechat");

        Page review = login.scanAs("scripted");
        assertFalse(review.body().contains("<script>alert("), "raw markup on the review page");
        // Keycloak's profile refuses <, >, / and ( in names: they are not prefilled, so the form goes through as shown.
        assertEquals("scriptalert'wechat'script小明", review.document().getElementById("firstName").val());

        // Typed back in by hand, Keycloak refuses it: the form comes back, the value still escaped.
        Page refused = login.submitProfile(review, "scripted@example.com", nickname, "Test");
        assertFalse(refused.body().contains("<script>alert("), "raw markup on the re-rendered form");
        assertNotNull(refused.document().getElementById("firstName"), "the form is shown again: " + refused);
        String code = login.completeProfile(refused, "scripted@example.com", "Xiaoming", "Test");
        JsonNode tokens = login.exchangeForTokens(code);

        JsonNode user = realm.userLinkedTo(sim.unionid("scripted"));
        assertEquals(List.of(nickname), realm.attribute(user, "wechat_nickname"), "kept as data, exactly as WeChat sent it");
        Page accountPage = login.browser().get(keycloak.baseUrl() + "/realms/" + realm.name() + "/account");
        assertFalse(accountPage.body().contains("<script>alert("), "raw markup on the account page");
        String account = accountApi(tokens.path("access_token").asText());
        assertFalse(account.contains("alert("), "the account console never receives the nickname: " + account);
        watch.checkSignedIn("nickname with <script>", 1);
        System.out.println("OBSERVED | nickname: <script> | review form shows it as text, Keycloak refuses it as first name"
                + " | wechat_nickname kept as data, absent from the account console | users +1");
    }

    @ParameterizedTest(name = "avatar: {0}")
    @ValueSource(strings = {"javascript:alert(document.cookie)",
            "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
            "http://thirdwx.qlogo.cn/mmopen/vi_32/plain/132"})
    void anAvatarThatIsNotHttpsIsNeverStored(String avatar) {
        String person = "avatar" + avatar.substring(0, avatar.indexOf(':'));
        sim.addPerson(person, "头像", avatar);
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);
        WeChatLogin login = realm.login("wechat");

        Page review = login.scanAs(person);
        assertFalse(review.body().contains(avatar), "the avatar URL is not on the page");
        login.exchangeForTokens(login.completeProfile(review, person + "@example.com", "Tou", "Xiang"));

        JsonNode user = realm.userLinkedTo(sim.unionid(person));
        assertEquals(List.of(), realm.attribute(user, "wechat_avatar"), "not stored as the person's picture");
        assertEquals(List.of(), realm.attribute(user, "picture"));
        assertEquals(List.of("头像"), realm.attribute(user, "wechat_nickname"), "the rest of the profile is kept");
        watch.checkSignedIn("avatar " + avatar, 1);
        System.out.printf("OBSERVED | avatar: %s | signed in | wechat_avatar not stored | users +1%n", avatar);
    }

    /** What the account console loads about the signed-in person (its REST API, as the console calls it). */
    private String accountApi(String accessToken) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/realms/" + realm.name()
                        + "/account/?userProfileMetadata=true"))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200 || response.statusCode() == 403, "account API: " + response.statusCode());
        return response.body();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.append(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                ? String.format("U+%04X", cp) : new String(Character.toChars(cp))));
        return out.length() > 40 ? out.substring(0, 12) + "…" : out.toString();
    }
}

package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

/**
 * A person who has a Keycloak account (username and password) links WeChat to it, sees the link among
 * their linked accounts (what the account console shows), signs in with WeChat, and unlinks it.
 */
class AccountLinkingIT extends WeChatScenario {

    private static final String APP = "wx5e6f708192a3b4c5";
    private static final String SECRET = "link-secret-Rr4";


    @Override
    protected String realmPrefix() {
        return "linking";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP, SECRET, "localhost");
        sim.addPerson("linker", "连接者", null);
        realm.addWeChat("wechat", APP, SECRET, Map.of());
        realm.admin().post("/admin/realms/" + realm.name() + "/users", Map.of("username", "linker", "enabled", true,
                "email", "linker@example.com", "emailVerified", true, "firstName", "Lian", "lastName", "Jie",
                "credentials", List.of(Map.of("type", "password", "value", "Linker-pass-1", "temporary", false))))
                .orThrow();
    }

    private JsonNode linkedAccounts(String accessToken) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/" + realm.name() + "/account/linked-accounts"))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        for (JsonNode account : JsonSerialization.mapper.readTree(response.body())) {
            if ("wechat".equals(account.path("providerAlias").asText())) {
                return account;
            }
        }
        throw new AssertionError("WeChat is not among the linkable accounts: " + response.body());
    }

    @Test
    void aPasswordUserLinksWeChatSignsInWithItAndUnlinksIt() throws Exception {
        Browser browser = new Browser();
        OidcLogin login = OidcLogin.of(keycloak, realm.name(), WeChatRealm.CLIENT_ID, WeChatRealm.CLIENT_REDIRECT_URI);
        Page form = login.open(browser);
        String token = login.exchangeCode(login.code(browser.submit(form, "kc-form-login",
                Map.of("username", "linker", "password", "Linker-pass-1")))).path("access_token").asText();
        assertFalse(linkedAccounts(token).path("connected").asBoolean(), "not linked yet");

        // The account console's "Link account" asks Keycloak for the idp_link action.
        OidcLogin link = OidcLogin.of(keycloak, realm.name(), WeChatRealm.CLIENT_ID, WeChatRealm.CLIENT_REDIRECT_URI);
        browser.stopAt(sim.baseUrl());
        Page confirm = browser.get(link.authorizationUrl() + "&kc_action=idp_link:wechat");
        assertTrue(confirm.body().contains("Do you want to link your account with WeChat?"), confirm.toString());
        org.jsoup.nodes.Element proceed = confirm.document().selectFirst("form button[type=submit], form input[type=submit]");
        Page toWeChat = browser.pressButton(confirm, proceed.id(), Map.of());
        assertTrue(toWeChat.isRedirect() && toWeChat.location().startsWith(sim.baseUrl() + "/connect/qrconnect"), toWeChat.toString());
        sim.nextScan(APP, "linker");
        browser.clearStops();
        browser.stopAt(WeChatRealm.CLIENT_REDIRECT_URI);
        String linkedToken = link.exchangeCode(link.code(browser.follow(toWeChat))).path("access_token").asText();

        JsonNode linked = linkedAccounts(linkedToken);
        assertTrue(linked.path("connected").asBoolean(), linked.toString());
        JsonNode user = realm.onlyUser("linker");
        assertEquals(Map.of("wechat", sim.unionid("linker")), realm.links(user));
        assertEquals(List.of(APP + ":" + sim.openid("linker", APP)), realm.attribute(user, "wechat_openid"));

        // Signing in with WeChat now reaches the same account.
        WeChatLogin withWeChat = realm.login("wechat");
        withWeChat.exchangeForTokens(withWeChat.scanAsReturning("linker"));
        assertEquals(1, realm.userCount());

        HttpResponse<String> unlink = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/" + realm.name() + "/account/linked-accounts/wechat"))
                .header("Authorization", "Bearer " + linkedToken).header("Accept", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, unlink.statusCode(), unlink.body());
        assertFalse(linkedAccounts(linkedToken).path("connected").asBoolean(), "unlinked");
        assertEquals(Map.of(), realm.links(realm.onlyUser("linker")));
    }
}

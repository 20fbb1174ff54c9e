package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Failures that are not WeChat's end like WeChat's: the person reads a page naming WeChat, not a bare server error;
 * the admin finds an event with the reason and the stack trace once in the log; nothing is created. And Keycloak's own
 * refusals keep their own accurate message: "started in another browser" is said only when that is what happened.
 */
class UnexpectedFailuresIT extends WeChatScenario {

    private static final String APP = "wx4f5a6b7c8d9e0f1a";
    private static final String SECRET = "unexpected-secret-Ee9";

    @Override
    protected String realmPrefix() {
        return "unexpected";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP, SECRET, "localhost");
        realm.addWeChat("wechat", APP, SECRET, Map.of());
    }

    @Test
    void aServerErrorDuringTheCallbackShowsAPageNamingWeChatAnEventAndOneStackTrace() {
        // Injected: the AppSecret's vault entry is a directory, so Keycloak's vault throws an IOException while the
        // callback resolves it: an error of this server, not of WeChat and not a missing secret.
        keycloak.putVaultFile(KeycloakRuntime.vaultFileName(realm.name(), "unreadable") + "/inside", "x");
        realm.addWeChat("wechat-broken", APP, "${vault.unreadable}", Map.of());
        sim.addPerson("victim", "受害者", null);
        int users = realm.userCount();
        int logBefore = keycloak.serverLog().length();

        Page page = realm.login("wechat-broken").scanAs("victim");

        assertEquals(500, page.status(), page.toString());
        String text = page.document().text();
        assertTrue(text.contains("Signing in with WeChat failed because of an error on this server"), text);
        assertFalse(page.body().contains("IOException") || page.body().contains(".java:"), "no stack trace shown");
        JsonNode event = realm.latestEvent("IDENTITY_PROVIDER_LOGIN_ERROR");
        assertEquals("unexpected_error", event.path("details").path("reason").asText(), event.toString());
        assertEquals("wechat-broken", event.path("details").path("identity_provider").asText());
        assertEquals(users, realm.userCount(), "nothing created");
        String log = keycloak.serverLog().substring(logBefore);
        assertEquals(1, count(log, "Unexpected error in a WeChat sign-in in realm " + realm.name()), log);
        assertTrue(log.contains("ERROR") && log.contains("Is a directory"), "the cause, once, at ERROR: " + log);
        assertEquals(0, sim.calls(SimEndpoint.ACCESS_TOKEN), "WeChat was never called");

        // The same person through a working provider afterwards: signed up, one user.
        realm.signUpAfterAFailure("wechat", "victim");
    }

    @Test
    void anApplicationDisabledDuringTheScanGetsKeycloaksOwnMessageNotAnotherBrowser() {
        sim.addPerson("disabled", "停用", null);
        WeChatLogin login = realm.login("wechat");
        login.qrConnectUrl();
        ObjectNode client = (ObjectNode) realm.admin().get("/admin/realms/" + realm.name() + "/clients?clientId="
                + WeChatRealm.CLIENT_ID).orThrow().json().path(0);
        String clientPath = "/admin/realms/" + realm.name() + "/clients/" + client.path("id").asText();
        client.put("enabled", false);
        realm.admin().put(clientPath, client).orThrow();
        try {
            Page page = login.scanAs("disabled");

            String text = page.document().text();
            assertFalse(text.contains("another browser"), "not what happened: " + text);
            if (System.getProperty("keycloak.dist.version", "").startsWith("26.5.")) {
                // Keycloak 26.5 itself fails here (NullPointerException in SessionCodeChecks.initialVerify, fixed in
                // 26.6): the person gets our server-error page naming WeChat, not a bare 500.
                assertTrue(text.contains("Signing in with WeChat failed because of an error on this server"), text);
                assertEquals("unexpected_error", realm.latestEvent("IDENTITY_PROVIDER_LOGIN_ERROR")
                        .path("details").path("reason").asText());
            } else {
                assertTrue(text.toLowerCase().contains("not enabled") || text.toLowerCase().contains("disabled"),
                        "Keycloak's own message: " + text);
                assertTrue(page.status() < 500, page.toString());
            }
        } finally {
            client.put("enabled", true);
            realm.admin().put(clientPath, client).orThrow();
        }
    }

    @Test
    void aCallbackOpenedInAnotherBrowserStillSaysSo() {
        sim.addPerson("elsewhere2", "别处", null);
        String callback = realm.login("wechat").scanAndHoldCallback("elsewhere2");

        Page page = realm.newBrowser().get(callback);

        assertTrue(page.document().text().contains("started in another browser"), page.toString());
        assertEquals(List.of(), realm.admin().get("/admin/realms/" + realm.name() + "/users?idpUserId="
                + sim.unionid("elsewhere2")).orThrow().json().findValuesAsText("id"));
    }

    private static int count(String text, String fragment) {
        int n = 0;
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
            n++;
        }
        return n;
    }
}

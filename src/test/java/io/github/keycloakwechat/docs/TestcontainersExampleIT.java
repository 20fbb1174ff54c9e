package io.github.keycloakwechat.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.KeycloakAdmin;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;

/**
 * The example of docs/simulator.md ("With Docker: testcontainers-keycloak"): Keycloak 26.7.0 in a container with
 * our provider, the WeChat simulator on the test host, and one scripted person signing in. Skipped where no
 * Docker engine runs.
 *
 * <p>{@link Browser}, {@link OidcLogin} and {@link KeycloakAdmin} are small helpers of this repository's tests
 * (HTTP-level browser, OIDC client, admin REST calls); use your own, Selenium, or Keycloak's admin client.
 */
class TestcontainersExampleIT {

    private static final String APP_ID = "wx5f1e3c2a9b7d4e60";
    private static final String APP_SECRET = "example-secret";
    private static final String CLIENT_REDIRECT = "http://localhost:3000/callback"; // nothing listens there

    @Test
    void aScriptedPersonSignsInWithWeChat() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            Assumptions.abort("No Docker engine: the testcontainers-keycloak example is skipped");
        }
        if ("distribution".equals(System.getProperty("keycloak.runtime"))) {
            Assumptions.abort("Runs in the testcontainers execution of failsafe only");
        }
        // The provider jar that `mvn package` built (failsafe passes its path).
        Path providerJar = Path.of(System.getProperty("keycloak.provider.jar"));

        try (WeChatSimulator sim = WeChatSimulator.start(0);
             KeycloakContainer keycloak = new KeycloakContainer("quay.io/keycloak/keycloak:26.7.0")
                     .withProviderLibsFrom(List.of(providerJar.toFile()))
                     .withAccessToHost(true)) {
            // Inside the container the simulator is http://host.testcontainers.internal:PORT.
            Testcontainers.exposeHostPorts(sim.port());
            keycloak.start();

            // The website application, with Keycloak's host (as the browser sees it) as 授权回调域, and a person.
            sim.addWebsiteApp(APP_ID, APP_SECRET, keycloak.getHost());
            sim.addPerson("lihua", "李华", null);

            KeycloakAdmin admin = new KeycloakAdmin(keycloak.getAuthServerUrl(),
                    keycloak.getAdminUsername(), keycloak.getAdminPassword());
            admin.createRealm("shop");
            admin.createPublicClient("shop", "web", CLIENT_REDIRECT);
            admin.createIdentityProvider("shop", "wechat", "wechat", Map.of(
                    "clientId", APP_ID,
                    "clientSecret", APP_SECRET,
                    "openBaseUrl", sim.baseUrl(),                                          // the browser's way to WeChat
                    "apiBaseUrl", "http://host.testcontainers.internal:" + sim.port())); // Keycloak's way to WeChat

            // The person opens the application's login; WeChat's QR page "scans" as lihua and sends them back.
            sim.nextScan(APP_ID, "lihua");
            OidcLogin login = new OidcLogin(keycloak.getAuthServerUrl(), "shop", "web", CLIENT_REDIRECT).idpHint("wechat");
            Browser browser = new Browser();
            Page reviewProfile = login.open(browser);

            // First sign-in: Keycloak asks for an e-mail address (WeChat gives none), then returns to the application.
            FormElement form = (FormElement) reviewProfile.document().getElementById("email").closest("form");
            Page back = browser.submit(form, Map.of("email", "lihua@example.com", "firstName", "Hua", "lastName", "Li"));
            login.exchangeCode(login.code(back));

            // One user, linked to WeChat by the person's unionid.
            List<JsonNode> users = admin.users("shop");
            assertEquals(1, users.size());
            List<JsonNode> links = admin.federatedIdentities("shop", users.get(0).get("id").asText());
            assertEquals(sim.unionid("lihua"), links.get(0).get("userId").asText());
        }
    }
}

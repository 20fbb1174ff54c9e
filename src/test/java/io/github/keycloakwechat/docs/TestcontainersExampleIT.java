package io.github.keycloakwechat.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.KeycloakAdmin;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.testcontainers.WeChatSimulatorContainer;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * The example of docs/simulator.md ("With Docker: Testcontainers"): Keycloak 26.7.0 (testcontainers-keycloak) and
 * the WeChat simulator ({@link WeChatSimulatorContainer}) in two containers on one network, and one scripted
 * person signing in. Skipped where no Docker engine runs.
 *
 * <p>{@link Browser}, {@link OidcLogin} and {@link KeycloakAdmin} are small helpers of this repository's tests
 * (HTTP-level browser, OIDC client, admin REST calls); use your own, Selenium, or Keycloak's admin client.
 */
class TestcontainersExampleIT {

    private static final String APP_ID = "wx5f1e3c2a9b7d4e60";
    private static final String APP_SECRET = "example-secret";
    private static final String CLIENT_REDIRECT = "http://localhost:3000/callback"; // nothing listens there

    @Test
    void aScriptedPersonSignsInWithWeChat() throws Exception {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            Assumptions.abort("No Docker engine: the Testcontainers example is skipped");
        }
        if ("distribution".equals(System.getProperty("keycloak.runtime"))) {
            Assumptions.abort("Runs in the testcontainers execution of failsafe only");
        }
        // The provider jar that `mvn package` built (failsafe passes its path).
        Path providerJar = Path.of(System.getProperty("keycloak.provider.jar"));

        try (Network network = Network.newNetwork();
             KeycloakContainer keycloak = new KeycloakContainer("quay.io/keycloak/keycloak:26.7.0")
                     .withProviderLibsFrom(List.of(providerJar.toFile()))
                     .withNetwork(network);
             // The website application, with Keycloak's host as the browser sees it as 授权回调域, and a person.
             WeChatSimulatorContainer wechat = simulator()
                     .withNetwork(network)
                     .withWebsiteApp(APP_ID, APP_SECRET, keycloak.getHost())
                     .withPerson("lihua", "李华")) {
            wechat.start();
            keycloak.start();

            KeycloakAdmin admin = new KeycloakAdmin(keycloak.getAuthServerUrl(),
                    keycloak.getAdminUsername(), keycloak.getAdminPassword());
            admin.createRealm("shop");
            admin.createPublicClient("shop", "web", CLIENT_REDIRECT);
            admin.createIdentityProvider("shop", "wechat", "wechat", Map.of(
                    "clientId", APP_ID,
                    "clientSecret", APP_SECRET,
                    "openBaseUrl", wechat.baseUrl(),        // the browser's way to WeChat
                    "apiBaseUrl", wechat.urlInNetwork()));  // Keycloak's way, from container to container

            // The person opens the application's login; WeChat's QR page "scans" as lihua and sends them back.
            wechat.nextScan(APP_ID, "lihua");
            OidcLogin login = new OidcLogin(keycloak.getAuthServerUrl(), "shop", "web", CLIENT_REDIRECT).idpHint("wechat");
            Browser browser = new Browser();
            Page reviewProfile = login.open(browser);

            // First sign-in: Keycloak asks for an e-mail address (WeChat gives none), then returns to the application.
            FormElement form = (FormElement) reviewProfile.document().getElementById("email").closest("form");
            Page back = browser.submit(form, Map.of("email", "lihua@example.com", "firstName", "Hua", "lastName", "Li"));
            login.exchangeCode(login.code(back));

            // One user, linked to WeChat by the person's unionid, as the simulator's control API tells it.
            List<JsonNode> users = admin.users("shop");
            assertEquals(1, users.size());
            List<JsonNode> links = admin.federatedIdentities("shop", users.get(0).get("id").asText());
            JsonNode people = new ObjectMapper().readTree(wechat.people());
            assertEquals(people.get(0).get("unionid").asText(), links.get(0).get("userId").asText());
        }
    }

    /**
     * Outside this repository: {@code new WeChatSimulatorContainer()}, from the simulator jar on the test classpath.
     * Here the class comes from the build's classes folder, so the built jar is named; and CI on machines without a
     * registry names its locally built Java image (docs/containers.md).
     */
    private static WeChatSimulatorContainer simulator() {
        String image = System.getenv().getOrDefault("WECHAT_SIMULATOR_IMAGE", WeChatSimulatorContainer.DEFAULT_IMAGE);
        Path jar = Path.of(System.getProperty("project.build.directory", "target"),
                System.getProperty("project.build.finalName") + "-simulator.jar");
        return new WeChatSimulatorContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("eclipse-temurin"))
                .withSimulatorJar(jar);
    }
}

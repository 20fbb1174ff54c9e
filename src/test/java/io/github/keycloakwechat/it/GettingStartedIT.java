package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.Chromium;
import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakPages;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * docs/getting-started.md, step 3, done as a reader would: the simulator jar started with the documented
 * command, the provider added in the admin console with the documented values, a sign-in in a browser.
 */
@KeycloakIntegrationTest
class GettingStartedIT {

    // The values the page tells the reader to type.
    private static final String APP_ID = "wx5f1e3c2a9b7d4e60";
    private static final String APP_SECRET = "simulator-secret";

    private Process simulator;
    private WebDriver driver;

    @AfterEach
    void stop() throws InterruptedException {
        try {
            if (driver != null) {
                Chromium.quitAll(new java.util.ArrayList<>(List.of(driver)));
            }
        } finally {
            // Whatever happened to the browser, the simulator's JVM must not outlive the test.
            if (simulator != null) {
                simulator.destroy();
                simulator.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aReaderFollowsStepThreeAndIsSignedIn(KeycloakRuntime keycloak) throws Exception {
        String simulatorUrl = startSimulatorJar();
        String realm = "getting-started-" + System.nanoTime();
        keycloak.admin().createRealm(realm);

        driver = Chromium.start(null, "en");
        KeycloakPages.openAdminConsole(driver, keycloak, realm + "/identity-providers/wechat/add");

        // "3. Fill in" — the four fields the page names, nothing else.
        waitFor(By.id("config.clientId")).sendKeys(APP_ID);
        driver.findElement(By.id("config.clientSecret")).sendKeys(APP_SECRET);
        // The page's one URL for both; a Keycloak in a container calls the simulator on this host by another name.
        replace(field("apiBaseUrl"), keycloak.reachableFromServer(simulatorUrl));
        replace(field("openBaseUrl"), simulatorUrl);
        driver.findElement(By.cssSelector("[data-testid=createProvider]")).click();
        Chromium.waitFor(driver).until(d -> d.getCurrentUrl().contains("/identity-providers/wechat/wechat/settings"));

        // "4. Save, then open …/account, choose WeChat, pick 李华 on the simulator's page and confirm."
        driver.get(keycloak.baseUrl() + "/realms/" + realm + "/account");
        waitFor(By.id("social-wechat")).click();
        waitFor(By.cssSelector("input[name=person][value=lihua]")).click();
        driver.findElement(By.id("confirm")).click();
        KeycloakPages.completeReviewProfile(driver, "李华", "lihua@example.com", "Li",
                keycloak.baseUrl() + "/realms/" + realm + "/account");

        // "… and Users shows a user wechat_… with the WeChat attributes."
        List<JsonNode> users = keycloak.admin().users(realm);
        assertEquals(1, users.size(), users.toString());
        JsonNode user = keycloak.admin().user(realm, users.get(0).path("id").asText());
        assertTrue(user.path("username").asText().startsWith("wechat_"), user.toString());
        assertTrue(user.path("attributes").path("wechat_openid").get(0).asText().startsWith(APP_ID + ":"), user.toString());
    }

    /** {@code java -jar keycloak-wechat-<version>-simulator.jar --port … --app … --person …}, as on the page. */
    private String startSimulatorJar() throws Exception {
        Path jar = Path.of(System.getProperty("project.build.directory", "target"),
                System.getProperty("project.build.finalName") + "-simulator.jar");
        assertTrue(Files.isRegularFile(jar), "no simulator jar at " + jar + " (mvn package builds it before the integration tests)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Port 0 instead of the page's 8099, so that a run never collides with a demo left running.
        simulator = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0",
                "--app", "website:" + APP_ID + ":" + APP_SECRET + ":localhost", "--person", "lihua:李华")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        assertTrue(ready != null && ready.startsWith("WeChat simulator ready: "), String.valueOf(ready));
        // The page uses localhost; the simulator prints 127.0.0.1, which the realm's default Require SSL also allows.
        return ready.substring("WeChat simulator ready: ".length()).trim().replace("127.0.0.1", "localhost");
    }

    /** One of our fields, which the admin console renders from the factory's config properties. */
    private WebElement field(String configKey) {
        return driver.findElement(By.cssSelector("input[data-testid='" + configKey + "'], input[id='config." + configKey + "']"));
    }

    private WebElement waitFor(By by) {
        return Chromium.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Replaces a prefilled field's text the way a person does: select all, type over it. */
    private static void replace(WebElement field, String text) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }
}

package io.github.keycloakwechat.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Fast checks that keep docker-compose.yml in step with the build: the Keycloak it runs, the jars it mounts, the
 * realm it imports. {@link DockerComposeIT} brings the stack up where a container engine runs.
 */
class DockerComposeConsistencyTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    private static String compose() throws IOException {
        return Files.readString(COMPOSE);
    }

    @Test
    void runsTheKeycloakVersionThePomBuildsAgainst() throws IOException {
        Matcher image = Pattern.compile("image: quay\\.io/keycloak/keycloak:(\\S+)").matcher(compose());
        assertTrue(image.find(), "a Keycloak image");
        assertEquals(System.getProperty("keycloak.version"), image.group(1));
    }

    @Test
    void mountsTheProviderJarAndTheSimulatorJarThatMavenPackageProduces() throws IOException {
        String finalName = System.getProperty("project.build.finalName");
        String compose = compose();
        assertTrue(compose.contains("- ./target/" + finalName + ".jar:/opt/keycloak/providers/"),
                "provider jar target/" + finalName + ".jar mounted into providers/");
        assertTrue(compose.contains("- ./target/" + finalName + "-simulator.jar:"),
                "simulator jar target/" + finalName + "-simulator.jar mounted");
    }

    @Test
    void everyFileItMountsFromTheSourceTreeExists() throws IOException {
        List<String> mounts = Pattern.compile("- \\./(\\S+?):/").matcher(compose()).results()
                .map(m -> m.group(1)).filter(path -> !path.startsWith("target/")).toList();
        assertTrue(mounts.contains("src/demo/wechat-demo-realm.json"), "the demo realm is imported");
        for (String mount : mounts) {
            assertTrue(Files.exists(Path.of(mount)), mount + " exists");
        }
    }

    @Test
    void theSimulatorKnowsTheAppIdAndSecretTheDemoRealmUses() throws IOException {
        String realm = Files.readString(Path.of("src/demo/wechat-demo-realm.json"));
        Matcher appId = Pattern.compile("\"clientId\": \"\\$\\{WECHAT_DEMO_APPID:(\\w+)}\"").matcher(realm);
        Matcher secret = Pattern.compile("\"clientSecret\": \"\\$\\{WECHAT_DEMO_APPSECRET:([\\w-]+)}\"").matcher(realm);
        assertTrue(appId.find() && secret.find(), "the demo realm has a default AppID and AppSecret");
        String compose = compose();
        assertTrue(compose.contains("website:${WECHAT_DEMO_APPID:-" + appId.group(1) + "}:${WECHAT_DEMO_APPSECRET:-"
                + secret.group(1) + "}:localhost"), "docker-compose's simulator registers the demo realm's app");
        assertTrue(compose.contains("WECHAT_DEMO_APPID: ${WECHAT_DEMO_APPID:-" + appId.group(1) + "}")
                && compose.contains("WECHAT_DEMO_APPSECRET: ${WECHAT_DEMO_APPSECRET:-" + secret.group(1) + "}"),
                "and passes the same values to Keycloak, for the realm file's placeholders");
    }
}

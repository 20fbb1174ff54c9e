package io.github.keycloakwechat.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.KeycloakAdmin;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * docker-compose.yml brought up as its header says ({@code docker compose --profile simulator up}), on whatever
 * engine answers the Docker API: the provider jar mounted, the demo realm imported with the {@code WECHAT_*}
 * variables, Keycloak on PostgreSQL, every health check passing, one person signing in through the composed
 * stack, and {@code down} leaving nothing behind. Runs in the testcontainers execution; skipped without an engine
 * or a compose tool. CI's machines build the images locally and name them in {@code COMPOSE_FILE}'s override
 * (docs/containers.md); elsewhere compose pulls the images the file names.
 */
class DockerComposeIT {

    private static final String PROJECT = "keycloak-wechat-compose-it";
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);
    // Not the demo's AppID: the realm and the simulator get it only through the WECHAT_DEMO_* variables.
    private static final String APP_ID = "wx0c1d2e3f4a5b6c7d";
    private static final String APP_SECRET = "secret-from-the-environment";
    private static final String CLIENT_REDIRECT = "http://localhost:3000/callback"; // nothing listens there
    private static final Path LOG = Path.of(System.getProperty("project.build.directory", "target"), "docker-compose-it.log");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private List<String> compose;

    @AfterEach
    void down() throws Exception {
        if (compose != null) {
            run(Duration.ofMinutes(2), "down", "--volumes", "--timeout", "10");
            assertEquals("", run(Duration.ofSeconds(30), "ps", "-q").trim(), "down leaves no container running");
        }
    }

    @Test
    void theComposedStackSignsAPersonInWithKeycloakOnPostgresAndTheSimulator() throws Exception {
        Assumptions.assumeFalse("distribution".equals(System.getProperty("keycloak.runtime")),
                "runs in the testcontainers execution of failsafe only");
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no container engine");
        List<String> tool = composeTool();
        Assumptions.assumeTrue(tool != null, "no compose tool (docker compose or docker-compose)");
        for (int port : new int[] {8080, 8099}) {
            assertTrue(free(port), "docker-compose.yml publishes port " + port + ", which something else holds");
        }
        compose = new ArrayList<>(tool);
        compose.addAll(List.of("--project-name", PROJECT, "--profile", "simulator"));
        run(Duration.ofMinutes(1), "down", "--volumes"); // a run killed half-way left its containers

        long started = System.nanoTime();
        run(UP_TIMEOUT, "up", "--detach");
        for (String service : List.of("postgres", "keycloak", "simulator")) {
            awaitHealthy(service, started);
        }
        System.out.printf("docker-compose: postgres, keycloak and simulator healthy after %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));

        // The realm file's ${WECHAT_*} placeholders were filled from the environment compose passed on.
        KeycloakAdmin admin = new KeycloakAdmin("http://localhost:8080", "admin", "admin");
        JsonNode wechat = admin.getIdentityProvider("wechat-demo", "wechat");
        assertEquals(APP_ID, wechat.path("config").path("clientId").asText());
        assertEquals("http://simulator:8099", wechat.path("config").path("apiBaseUrl").asText());
        assertEquals("http://localhost:8099", wechat.path("config").path("openBaseUrl").asText());

        // A person signs in: Keycloak → the simulator's QR page (browser) → back, WeChat's API by service name.
        admin.createPublicClient("wechat-demo", "compose-check", CLIENT_REDIRECT);
        post("http://localhost:8099/sim/next-scan", "appid=" + APP_ID + "&person=lihua");
        OidcLogin login = new OidcLogin("http://localhost:8080", "wechat-demo", "compose-check", CLIENT_REDIRECT)
                .idpHint("wechat");
        Browser browser = new Browser();
        Page reviewProfile = login.open(browser);
        FormElement form = (FormElement) reviewProfile.document().getElementById("email").closest("form");
        Page back = browser.submit(form, Map.of("email", "lihua@example.com", "firstName", "Hua", "lastName", "Li"));
        JsonNode tokens = login.exchangeCode(login.code(back));
        assertTrue(tokens.hasNonNull("access_token"), tokens.toString());

        // The user is in PostgreSQL, linked to WeChat.
        List<JsonNode> users = admin.users("wechat-demo");
        assertEquals(1, users.size(), users.toString());
        assertEquals("wechat", admin.federatedIdentities("wechat-demo", users.get(0).path("id").asText())
                .get(0).path("identityProvider").asText());
        String stored = run(Duration.ofSeconds(30), "exec", "-T", "postgres", "psql", "-U", "keycloak", "-d", "keycloak",
                "-tAc", "select count(*) from federated_identity where identity_provider = 'wechat'");
        assertEquals("1", stored.trim(), "the link is a row of PostgreSQL's federated_identity");
    }

    /** The compose command this machine has: Docker's plugin, or the standalone docker-compose. */
    private List<String> composeTool() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                Process p = new ProcessBuilder(concat(candidate, "version")).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Waits for the health check the compose file gives the service; fails with the service's log. */
    private void awaitHealthy(String service, long started) throws Exception {
        String id = run(Duration.ofSeconds(30), "ps", "-q", service).trim();
        assertTrue(!id.isEmpty(), service + " is running");
        String status = "";
        while (System.nanoTime() - started < UP_TIMEOUT.toNanos()) {
            var state = DockerClientFactory.instance().client().inspectContainerCmd(id).exec().getState();
            status = state.getHealth() == null ? "no health check" : state.getHealth().getStatus();
            if ("healthy".equals(status) || !Boolean.TRUE.equals(state.getRunning())) {
                break;
            }
            Thread.sleep(1000);
        }
        assertEquals("healthy", status, service + ":\n" + run(Duration.ofSeconds(30), "logs", "--tail", "60", service));
    }

    /** Runs compose with the environment the test sets, appends its output to the log, returns it; fails on exit ≠ 0. */
    private String run(Duration timeout, String... arguments) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(concat(compose, arguments)).redirectErrorStream(true);
        builder.environment().put("WECHAT_DEMO_APPID", APP_ID);
        builder.environment().put("WECHAT_DEMO_APPSECRET", APP_SECRET);
        Process process = builder.start();
        process.getOutputStream().close();
        java.util.concurrent.CompletableFuture<byte[]> output =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process));
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("compose " + String.join(" ", arguments) + " did not finish within " + timeout);
        }
        String text = new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        Files.createDirectories(LOG.toAbsolutePath().getParent());
        Files.writeString(LOG, "$ " + String.join(" ", builder.command()) + "\n" + text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertEquals(0, process.exitValue(), "compose " + String.join(" ", arguments) + ":\n" + text);
        return text;
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private void post(String url, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}

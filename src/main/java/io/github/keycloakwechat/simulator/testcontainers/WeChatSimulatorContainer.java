package io.github.keycloakwechat.simulator.testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The WeChat simulator as a Testcontainers container: the simulator jar on a Java image, listening on
 * {@value #PORT}, with its control API ({@code /sim}, docs/simulator.md) for the test. Put it on the same
 * {@link org.testcontainers.containers.Network} as testcontainers-keycloak's container and give Keycloak
 * {@link #urlInNetwork()} as the provider's API base URL and {@link #baseUrl()} (the browser's way) as its
 * open-platform base URL.
 *
 * <p>Ships in {@code keycloak-wechat-VERSION-simulator.jar}; the jar it runs is the one this class was loaded
 * from, or the one given to {@link #withSimulatorJar(Path)}. Testcontainers itself comes from the test's classpath.
 */
public class WeChatSimulatorContainer extends GenericContainer<WeChatSimulatorContainer> {

    /** Any image with {@code java} 17 or later on the path. */
    public static final String DEFAULT_IMAGE = "eclipse-temurin:17-jre";
    public static final int PORT = 8099;
    public static final String DEFAULT_NETWORK_ALIAS = "wechat-simulator";
    private static final String JAR_IN_CONTAINER = "/opt/keycloak-wechat-simulator.jar";
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> options = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONTROL_TIMEOUT).build();

    public WeChatSimulatorContainer() {
        this(DockerImageName.parse(DEFAULT_IMAGE));
    }

    public WeChatSimulatorContainer(DockerImageName javaImage) {
        super(javaImage);
        withExposedPorts(PORT);
        withNetworkAliases(DEFAULT_NETWORK_ALIAS);
        waitingFor(Wait.forLogMessage(".*WeChat simulator ready: .*", 1));
        Path ownJar = jarOf(WeChatSimulatorContainer.class);
        if (ownJar != null) {
            withSimulatorJar(ownJar);
        }
    }

    /** The simulator jar to run, when this class was not loaded from it (e.g. from a build's classes folder). */
    public WeChatSimulatorContainer withSimulatorJar(Path simulatorJar) {
        if (!Files.isRegularFile(simulatorJar)) {
            throw new IllegalArgumentException("No simulator jar at " + simulatorJar);
        }
        return withCopyFileToContainer(MountableFile.forHostPath(simulatorJar), JAR_IN_CONTAINER);
    }

    /** A website application (QR code sign-in) whose 授权回调域 is {@code domain}, e.g. the Keycloak host the browser uses. */
    public WeChatSimulatorContainer withWebsiteApp(String appId, String appSecret, String domain) {
        return withOption("--app", "website:" + appId + ":" + appSecret + ":" + domain);
    }

    /** Any {@code --app} or {@code --person} option of the simulator's command line (docs/simulator.md). */
    public WeChatSimulatorContainer withOption(String option, String value) {
        options.add(option);
        options.add(value);
        return self();
    }

    /** A person who can scan, with their WeChat nickname. */
    public WeChatSimulatorContainer withPerson(String id, String nickname) {
        return withOption("--person", id + ":" + nickname);
    }

    @Override
    protected void configure() {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR_IN_CONTAINER,
                "--host", "0.0.0.0", "--port", String.valueOf(PORT)));
        command.addAll(options);
        setCommand(command.toArray(String[]::new));
    }

    /** The simulator as the test host and its browser reach it, e.g. {@code http://localhost:32812}. */
    public String baseUrl() {
        return "http://" + getHost() + ":" + getMappedPort(PORT);
    }

    /** The simulator as other containers on its network reach it, e.g. {@code http://wechat-simulator:8099}. */
    public String urlInNetwork() {
        return "http://" + getNetworkAliases().get(getNetworkAliases().size() - 1) + ":" + PORT;
    }

    /** The next QR code shown for {@code appId} is scanned and confirmed by {@code personId}. */
    public void nextScan(String appId, String personId) {
        control("next-scan", Map.of("appid", appId, "person", personId));
    }

    /** The people as JSON, with each one's openid per app and unionid ({@code GET /sim/people}). */
    public String people() {
        return send(HttpRequest.newBuilder(controlUri("people")).GET());
    }

    /** {@code POST /sim/OPERATION} with form parameters; answers the body, or throws when the simulator refuses. */
    public String control(String operation, Map<String, String> parameters) {
        String form = new LinkedHashMap<>(parameters).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(controlUri(operation))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(CONTROL_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("The simulator answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("The simulator's control API did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the simulator", e);
        }
    }

    private URI controlUri(String operation) {
        return URI.create(baseUrl() + "/sim/" + operation);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The jar a class was loaded from, or null when it came from a folder of classes. */
    private static Path jarOf(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? path : null;
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}

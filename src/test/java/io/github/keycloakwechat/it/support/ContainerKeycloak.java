package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.output.OutputFrame;

/**
 * Keycloak in a container, through testcontainers-keycloak: the official image of the distribution's version,
 * in dev mode, with our provider jar copied to {@code /opt/keycloak/providers}.
 */
public final class ContainerKeycloak extends ManagedKeycloak {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    /** Hosts that mean "the test host" in a URL the tests hand to Keycloak. */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    /** Testcontainers' name for the test host, inside a container started with access to the host. */
    private static final String HOST_FROM_CONTAINER = "host.testcontainers.internal";
    private static final String VAULT_DIR = "/opt/keycloak/vault";

    // No shutdown hook of ours, unlike a local process: Testcontainers removes its containers when the test JVM exits.
    private final KeycloakContainer container;
    /** The loopback name each exposed port was given by (127.0.0.1, localhost), to give URLs back as they came. */
    private final Map<Integer, String> loopbackHostByPort = new ConcurrentHashMap<>();

    private ContainerKeycloak(String version, KeycloakContainer container) {
        super("testcontainers " + version, stripTrailingSlash(container.getAuthServerUrl()));
        this.container = container;
    }

    /** Starts the container and returns once Keycloak's management interface reports it started. */
    @SuppressWarnings("resource") // closed by close()
    public static ContainerKeycloak start(String version, Path providerJar, Path logFile) {
        Writer logCopy = openAppending(logFile);
        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + version)
                .withProviderLibsFrom(List.of(providerJar.toFile()))
                .withAdminUsername(HarnessSettings.ADMIN_USERNAME)
                .withAdminPassword(HarnessSettings.ADMIN_PASSWORD)
                // The container reaches servers on the test host (the WeChat simulator) at host.testcontainers.internal.
                .withAccessToHost(true)
                // One option per call: each call is one argument of kc.sh.
                .withCustomCommand("--log-level=" + HarnessSettings.LOG_LEVEL)
                .withCustomCommand("--vault=file")
                .withCustomCommand("--vault-dir=" + VAULT_DIR)
                // Keycloak refuses to start without its vault directory.
                .withCopyToContainer(org.testcontainers.images.builder.Transferable.of("secrets for ${vault.*}"),
                        VAULT_DIR + "/README")
                .withStartupTimeout(STARTUP_TIMEOUT)
                .withLogConsumer(frame -> copy(frame, logCopy));
        long started = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            copy(OutputFrame.END, logCopy);
            throw e;
        }
        ContainerKeycloak keycloak = new ContainerKeycloak(version, container);
        keycloak.printReady(started, logFile);
        return keycloak;
    }

    /** Opens the URL's port to the container and names the host the way the container sees it. */
    @Override
    public String reachableFromServer(String hostUrl) {
        URI uri = URI.create(hostUrl);
        if (uri.getHost() == null || !LOOPBACK_HOSTS.contains(uri.getHost())) {
            return hostUrl; // not on the test host's loopback: the container resolves it like anyone
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        Testcontainers.exposeHostPorts(port);
        loopbackHostByPort.put(port, uri.getHost());
        return withHost(uri, HOST_FROM_CONTAINER, port);
    }

    @Override
    public String reachableFromBrowser(String serverUrl) {
        URI uri = URI.create(serverUrl);
        if (!HOST_FROM_CONTAINER.equals(uri.getHost())) {
            return serverUrl;
        }
        return withHost(uri, loopbackHostByPort.getOrDefault(uri.getPort(), "localhost"), uri.getPort());
    }

    /** The URL with another host and port; raw components, so the simulator's URLs keep their exact encoding. */
    private static String withHost(URI uri, String host, int port) {
        return uri.getScheme() + "://"
                + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                + host + ":" + port
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    /**
     * Keycloak's process as this host sees it (the container's first process), where the engine runs on this host
     * (Docker or rootful podman): for {@code jcmd}, which root may point at a JVM in a container.
     */
    public long hostPid() {
        Long pid = container.getContainerInfo().getState().getPidLong();
        if (pid == null || pid <= 0) {
            throw new IllegalStateException("the engine reports no host process for the Keycloak container");
        }
        return pid;
    }

    @Override
    public String serverLog() {
        return container.getLogs();
    }

    @Override
    public void putVaultFile(String fileName, String value) {
        container.copyFileToContainer(org.testcontainers.images.builder.Transferable.of(value), VAULT_DIR + "/" + fileName);
    }

    @Override
    public void stop() {
        container.stop();
    }

    private static Writer openAppending(Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            return Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the log file " + logFile, e);
        }
    }

    /** Mirrors the container's output into target/ so it outlives the container, like the distribution's log. */
    private static void copy(OutputFrame frame, Writer logCopy) {
        try {
            synchronized (logCopy) {
                if (frame.getType() == OutputFrame.OutputType.END) {
                    logCopy.close();
                } else {
                    logCopy.write(frame.getUtf8StringWithoutLineEnding());
                    logCopy.write('\n');
                    logCopy.flush();
                }
            }
        } catch (IOException e) {
            // a lost log line must not break the test run; the container keeps its own copy (serverLog)
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

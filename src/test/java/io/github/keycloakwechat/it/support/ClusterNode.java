package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Keycloak of a {@link KeycloakCluster}: a production-mode server ({@code kc.sh start --optimized}) in its own
 * copy of the built distribution, on its own HTTP, management and JGroups ports.
 */
public final class ClusterNode implements KeycloakRuntime {

    /** Infinispan's line for each membership change, e.g. {@code ISPN000094: ... [node-b(v=16.0.12)|1] (2) [node-b(…), node-a(…)]}. */
    private static final Pattern CLUSTER_VIEW =
            Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^\\]]*\\] \\((\\d+)\\) \\[([^\\]]*)\\]");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_LINES_ON_FAILURE = 80;

    private final String name;
    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final LogFile log;
    private Process process;
    private KeycloakAdmin admin;

    ClusterNode(String name, Path home, int httpPort, int managementPort, Path logFile) {
        this.name = name;
        this.home = home;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = LogFile.startingNow(logFile);
    }

    /** Starts {@code kc.sh start --optimized}; returns at once (see {@link #awaitReady}). */
    void launch(List<String> options, Map<String, String> environment) {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", home.resolve("bin/kc.sh").toString(),
                "start", "--optimized", "--http-port=" + httpPort, "--http-management-port=" + managementPort));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.path().toFile()));
        Map<String, String> env = builder.environment();
        // A developer's own Keycloak settings (KC_DB, KC_HOSTNAME, ...) would change what the test runs against.
        env.keySet().removeIf(key -> key.startsWith("KC_") || key.startsWith("KEYCLOAK_") || key.startsWith("JAVA_OPTS"));
        env.putAll(environment);
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + home.resolve("bin/kc.sh"), e);
        }
    }

    /** Polls the readiness endpoint; fails with the log's tail if Keycloak exits or is not ready in time. */
    void awaitReady(Duration timeout) {
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak " + name + " exited with status " + process.exitValue()
                        + " before it was ready. Last lines of " + log.path() + ":\n" + log.tail(LOG_LINES_ON_FAILURE));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak " + name, e);
            }
            pause(process, Duration.ofMillis(500));
        }
        throw new IllegalStateException("Keycloak " + name + " was not ready within " + timeout.toSeconds() + " s ("
                + readiness + "). Last lines of " + log.path() + ":\n" + log.tail(LOG_LINES_ON_FAILURE));
    }

    /**
     * The node names in the latest cluster view this node logged (Infinispan's ISPN000094 line), e.g.
     * {@code [node-b, node-a]}; empty before the first view.
     */
    public List<String> clusterMembers() {
        Matcher view = CLUSTER_VIEW.matcher(log.text());
        List<String> members = List.of();
        while (view.find()) {
            // Members read "node-a(v=16.0.12)": the node name, then the Infinispan version.
            members = Stream.of(view.group(2).split(",\\s*")).map(member -> member.replaceFirst("\\(.*\\)$", "")).toList();
        }
        return members;
    }

    /** Every ISPN000094 line this node logged, for messages and the report. */
    public List<String> clusterViewLines() {
        return log.text().lines().filter(line -> line.contains("ISPN000094")).toList();
    }

    /** Stops this node (SIGTERM: Keycloak's graceful shutdown, which hands its cache entries to the other node). */
    public void stop() {
        if (process != null && process.isAlive()) {
            ProcessTree.stop(process.toHandle(), STOP_GRACE);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String reachableFromServer(String hostUrl) {
        return hostUrl;
    }

    @Override
    public String serverLog() {
        return log.text();
    }

    public Path logFile() {
        return log.path();
    }

    @Override
    public void putVaultFile(String fileName, String value) {
        throw new UnsupportedOperationException("The cluster nodes run without a vault");
    }

    @Override
    public synchronized KeycloakAdmin admin() {
        if (admin == null) {
            admin = new KeycloakAdmin(baseUrl(), HarnessSettings.ADMIN_USERNAME, HarnessSettings.ADMIN_PASSWORD);
        }
        return admin;
    }

    static void pause(Process process, Duration duration) {
        try {
            process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS); // wakes early if it dies
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + baseUrl() + ", log " + log.path() + ")";
    }
}

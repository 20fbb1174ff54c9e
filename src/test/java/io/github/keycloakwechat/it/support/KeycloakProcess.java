package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak as a local process of this host, run by a distribution's {@code bin/kc.sh} on its own HTTP and management
 * ports: output appended to a log file, ready once {@code /health/ready} answers 200, stopped with every process it
 * started.
 */
abstract class KeycloakProcess extends ManagedKeycloak {

    private static final int LOG_LINES_ON_FAILURE = 80;

    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final LogFile log;
    private final Duration stopGrace;
    /** A test JVM that exits without stopping Keycloak (Ctrl-C, System.exit) must not leave it behind. */
    private final Thread shutdownHook;
    private volatile Process process;

    KeycloakProcess(String name, Path home, int httpPort, int managementPort, Path logFile, Duration stopGrace) {
        super(name, "http://localhost:" + httpPort);
        this.home = home;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = LogFile.startingNow(logFile);
        this.stopGrace = stopGrace;
        this.shutdownHook = new Thread(this::stopTree, "stop-keycloak-" + name);
    }

    /**
     * Starts {@code kc.sh COMMAND --http-port=… --http-management-port=… OPTIONS} in the distribution, with
     * {@code environment} and the harness's bootstrap admin; returns at once (see {@link #awaitReady}).
     */
    final void launch(List<String> command, List<String> options, Map<String, String> environment) {
        if (process != null) {
            throw new IllegalStateException("Keycloak " + name() + " was launched already");
        }
        // sh runs kc.sh even where the unpacked zip lost its executable bit.
        List<String> line = new ArrayList<>(List.of("/bin/sh", home.resolve("bin/kc.sh").toString()));
        line.addAll(command);
        line.add("--http-port=" + httpPort);
        line.add("--http-management-port=" + managementPort);
        line.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(line)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.path().toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> !inherits(variable));
        env.putAll(environment);
        // The admin admin() logs in as; in a cluster, whichever node creates the master realm creates it.
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", HarnessSettings.ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", HarnessSettings.ADMIN_PASSWORD);
        try {
            process = builder.start();
            process.getOutputStream().close(); // Keycloak reads no input
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + home.resolve("bin/kc.sh"), e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Whether Keycloak gets the test JVM's environment variable {@code variable}: not a developer's own Keycloak
     * settings (KC_DB, KC_HOSTNAME, ...), which would change what the tests run against.
     */
    boolean inherits(String variable) {
        return !variable.startsWith("KC_") && !variable.startsWith("KEYCLOAK_");
    }

    /** Polls the readiness endpoint; fails with the log's tail if Keycloak exits or is not ready in time. */
    final void awaitReady(Duration timeout) {
        URI readiness = URI.create("http://localhost:" + managementPort + "/health/ready");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak " + name() + " exited with status " + process.exitValue()
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
                throw new IllegalStateException("Interrupted while waiting for Keycloak " + name(), e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS); // wakes early if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak " + name(), e);
            }
        }
        throw new IllegalStateException("Keycloak " + name() + " was not ready within " + timeout.toSeconds() + " s ("
                + readiness + "). Last lines of " + log.path() + ":\n" + log.tail(LOG_LINES_ON_FAILURE));
    }

    /** SIGTERM to kc.sh and the Keycloak JVM it started (Keycloak's graceful shutdown), SIGKILL after the grace time. */
    @Override
    public final void stop() {
        stopTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook runs (or ran) anyway; stopping twice is harmless
        }
    }

    private void stopTree() {
        Process running = process;
        if (running != null && running.isAlive()) {
            ProcessTree.stop(running.toHandle(), stopGrace);
        }
    }

    public final boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The id of the process started (kc.sh, which runs Keycloak's JVM), e.g. to find that JVM for jcmd. */
    public final long pid() {
        return process.pid();
    }

    /** The distribution this Keycloak runs from. */
    final Path home() {
        return home;
    }

    public final Path logFile() {
        return log.path();
    }

    @Override
    public final String serverLog() {
        return log.text();
    }

    @Override
    public String toString() {
        return name() + " (" + baseUrl() + ", log " + log.path() + ")";
    }
}

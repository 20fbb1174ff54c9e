package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak as a local process: the unpacked Maven Central distribution, run in place with {@code kc.sh start-dev}
 * on free ports, a fresh H2 dev database and our provider jar in {@code providers/}.
 */
public final class DistributionKeycloak implements ManagedKeycloak {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_LINES_ON_FAILURE = 80;

    private final Path distHome;
    private final String version;
    private final String baseUrl;
    private final Process process;
    private final LogFile log;
    private final Thread shutdownHook;
    private volatile KeycloakAdmin admin;

    private DistributionKeycloak(Path distHome, String version, String baseUrl, Process process, LogFile log) {
        this.distHome = distHome;
        this.version = version;
        this.baseUrl = baseUrl;
        this.process = process;
        this.log = log;
        // A test JVM that exits without closing the store (Ctrl-C, System.exit) must not leave Keycloak behind.
        this.shutdownHook = new Thread(this::stopProcess, "stop-keycloak-distribution");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Prepares the distribution at {@code distHome}, starts it and returns once {@code /health/ready} answers 200. */
    public static DistributionKeycloak start(Path distHome, String version, Path providerJar, Path logFile) {
        int[] ports = FreePorts.pick(2);
        return start(distHome, version, providerJar, logFile, ports[0], ports[1], null);
    }

    /**
     * Like {@link #start(Path, String, Path, Path)} on the given ports, importing {@code realmImport}
     * (a realm JSON file, may be {@code null}) at start-up.
     */
    public static DistributionKeycloak start(Path distHome, String version, Path providerJar, Path logFile,
                                             int httpPort, int managementPort, Path realmImport) {
        wipeDatabase(distHome);
        installProvider(distHome, providerJar);
        createDirectory(vaultDir(distHome));
        boolean importing = realmImport != null;
        if (importing) {
            copyInto(distHome.resolve("data/import"), realmImport);
        }
        LogFile log = LogFile.startingNow(logFile);

        long started = System.nanoTime();
        Process process = launch(distHome, httpPort, managementPort, log.path(), importing);
        DistributionKeycloak keycloak = new DistributionKeycloak(distHome, version, "http://localhost:" + httpPort, process, log);
        try {
            keycloak.awaitReady(URI.create("http://localhost:" + managementPort + "/health/ready"));
        } catch (RuntimeException | Error e) {
            keycloak.close();
            throw e;
        }
        System.out.printf("Keycloak %s ready in %.1f s at %s (log: %s)%n", keycloak.name(),
                (System.nanoTime() - started) / 1e9, keycloak.baseUrl, log.path());
        return keycloak;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String name() {
        return "distribution " + version;
    }

    /** Keycloak runs on this host, so host URLs work unchanged. */
    @Override
    public String reachableFromServer(String hostUrl) {
        return hostUrl;
    }

    @Override
    public String serverLog() {
        return log.text();
    }

    /** The id of the process started (kc.sh, which runs Keycloak's JVM), e.g. to find that JVM for jcmd. */
    public long pid() {
        return process.pid();
    }

    @Override
    public KeycloakAdmin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = new KeycloakAdmin(baseUrl, HarnessSettings.ADMIN_USERNAME, HarnessSettings.ADMIN_PASSWORD);
                }
            }
        }
        return admin;
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook runs (or ran) anyway; stopping twice is harmless
        }
    }

    private void stopProcess() {
        if (process.isAlive()) {
            ProcessTree.stop(process.toHandle(), STOP_GRACE);
        }
    }

    /** Every run starts from an empty H2 dev database, so no realm or user survives from an earlier run. */
    private static void wipeDatabase(Path distHome) {
        Path data = distHome.resolve("data");
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe the Keycloak database in " + data
                    + " (is another Keycloak running from this distribution?)", e);
        }
    }

    /**
     * Exactly one copy of our extension: an older build left in providers/ would clash with the new one. A null
     * jar leaves none (plain Keycloak, e.g. to compare start-up times).
     */
    private static void installProvider(Path distHome, Path providerJar) {
        Path providers = distHome.resolve("providers");
        try {
            Files.createDirectories(providers);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(providers, "keycloak-wechat*.jar")) {
                for (Path jar : old) {
                    Files.delete(jar);
                }
            }
            if (providerJar == null) {
                return;
            }
            // Keeping the jar's own timestamp lets Keycloak skip its ~30 s re-build when the jar did not change:
            // it compares providers by last-modified time.
            Files.copy(providerJar, providers.resolve(providerJar.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install " + providerJar + " into " + providers, e);
        }
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
    }

    private static Path vaultDir(Path distHome) {
        return distHome.resolve("data/vault").toAbsolutePath();
    }

    @Override
    public void putVaultFile(String fileName, String value) {
        Path file = vaultDir(distHome).resolve(fileName);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write vault secret " + file, e);
        }
    }

    private static void copyInto(Path directory, Path file) {
        try {
            Files.createDirectories(directory);
            Files.copy(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + file + " into " + directory, e);
        }
    }

    private static Process launch(Path distHome, int httpPort, int managementPort, Path logFile, boolean importRealm) {
        // sh runs kc.sh even where the unpacked zip lost its executable bit.
        List<String> command = new java.util.ArrayList<>(List.of(
                "/bin/sh", distHome.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--vault=file",
                "--vault-dir=" + vaultDir(distHome),
                "--log-level=" + HarnessSettings.LOG_LEVEL));
        if (importRealm) {
            command.add("--import-realm");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(distHome.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        // A developer's own Keycloak settings (KC_DB, KC_HOSTNAME, ...) would change what the tests run against.
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", HarnessSettings.ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", HarnessSettings.ADMIN_PASSWORD);
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // Keycloak reads no input
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + distHome.resolve("bin/kc.sh"), e);
        }
    }

    /** Polls the readiness endpoint; fails with the log's tail if Keycloak exits or is not ready in time. */
    private void awaitReady(URI readiness) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
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
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            try {
                process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS); // wakes early if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak " + name() + " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (" + readiness + "). Last lines of " + log.path() + ":\n" + log.tail(LOG_LINES_ON_FAILURE));
    }
}

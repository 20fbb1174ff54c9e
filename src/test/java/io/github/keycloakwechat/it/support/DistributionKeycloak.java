package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak as a local process: the unpacked Maven Central distribution, run in place with {@code kc.sh start-dev}
 * on free ports, a fresh H2 dev database and our provider jar in {@code providers/}.
 */
public final class DistributionKeycloak extends KeycloakProcess {

    /** Four minutes; {@code -Dkeycloak.ready.timeoutSeconds=N} for a machine busy with something else (a niced run). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("keycloak.ready.timeoutSeconds", 240));
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private DistributionKeycloak(Path distHome, String version, int httpPort, int managementPort, Path logFile) {
        super("distribution " + version, distHome, httpPort, managementPort, logFile, STOP_GRACE);
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
        DistributionKeycloak keycloak = new DistributionKeycloak(distHome, version, httpPort, managementPort, logFile);
        long started = System.nanoTime();
        try {
            keycloak.launch(List.of("start-dev"), options(distHome, importing), Map.of());
            keycloak.awaitReady(READY_TIMEOUT);
        } catch (RuntimeException | Error e) {
            keycloak.close();
            throw e;
        }
        keycloak.printReady(started, keycloak.logFile());
        return keycloak;
    }

    private static List<String> options(Path distHome, boolean importRealm) {
        List<String> options = new ArrayList<>(List.of(
                "--health-enabled=true",
                "--vault=file",
                "--vault-dir=" + vaultDir(distHome),
                "--log-level=" + HarnessSettings.LOG_LEVEL));
        if (importRealm) {
            options.add("--import-realm");
        }
        return options;
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
        Path file = vaultDir(home()).resolve(fileName);
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
}

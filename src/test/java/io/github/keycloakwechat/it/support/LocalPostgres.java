package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the cluster test: Debian's {@code postgresql} binaries, a fresh data
 * directory under the system temp directory, a free port on 127.0.0.1, trust authentication, one database
 * {@code keycloak}. Nothing of the machine's own PostgreSQL (port 5432, {@code /var/lib/postgresql}) is used.
 *
 * <p>PostgreSQL refuses to run as root, so as root every command runs as the {@code postgres} user that
 * Debian's package creates; that user cannot enter a work tree under {@code /root}, hence the temp directory.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    public static final String USER = "keycloak";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    /** PostgreSQL cannot run here; {@link #getMessage()} says why, for the skip message. */
    public static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    private final Path bin;
    private final Path dataDir;
    private final boolean asPostgresUser;
    private final int port;
    private final Thread shutdownHook;

    private LocalPostgres(Path bin, Path dataDir, boolean asPostgresUser, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
        // A test JVM killed mid-run must not leave a postgres behind.
        this.shutdownHook = new Thread(this::stopServer, "stop-local-postgres");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** initdb, start and create the database; {@link Unavailable} when PostgreSQL is missing or will not start. */
    public static LocalPostgres start() throws Unavailable {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && !commandSucceeds(List.of("id", "-u", "postgres"))) {
            throw new Unavailable("running as root and there is no 'postgres' user to run PostgreSQL as"
                    + " (Debian's postgresql package creates it: apt-get install postgresql)");
        }
        Path dataDir;
        try {
            Path parent = Files.createTempDirectory("keycloak-wechat-pg-");
            dataDir = parent.resolve("data");
            Files.createDirectory(dataDir);
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", parent.toString()), false, "chown");
            }
        } catch (IOException e) {
            throw new Unavailable("cannot create a PostgreSQL data directory: " + e.getMessage());
        }
        int port = FreePorts.pick(1)[0];
        LocalPostgres postgres = new LocalPostgres(bin, dataDir, root, port);
        try {
            long started = System.nanoTime();
            // fsync off: a test database that dies with the test needs no durability, and it saves seconds.
            postgres.pg(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-sync"), "initdb");
            postgres.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
                    dataDir.resolveSibling("postgres.log").toString(), "-w", "-t", "60", "-o",
                    "-c port=" + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                            + dataDir.getParent() + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    "start"), "pg_ctl start");
            postgres.pg(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "-U", USER, DATABASE), "createdb");
            System.out.printf("PostgreSQL ready in %.1f s on 127.0.0.1:%d (%s)%n",
                    (System.nanoTime() - started) / 1e9, port, dataDir);
            return postgres;
        } catch (Unavailable | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stopServer();
        deleteTree(dataDir.getParent());
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook runs (or ran) anyway; stopping twice is harmless
        }
    }

    private void stopServer() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            try {
                pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w",
                        "stop"), "pg_ctl stop");
            } catch (Unavailable | RuntimeException e) {
                System.err.println("Could not stop the test PostgreSQL in " + dataDir + ": " + e.getMessage());
            }
        }
    }

    /**
     * The directory named by the system property {@code keycloak.cluster.postgres.bin} (another installation);
     * else the newest Debian PostgreSQL ({@code /usr/lib/postgresql/N/bin}); else {@code initdb} on the PATH.
     */
    private static Path findBinaries() throws Unavailable {
        String configured = System.getProperty("keycloak.cluster.postgres.bin", "");
        if (!configured.isBlank()) {
            Path bin = Path.of(configured);
            if (!Files.isExecutable(bin.resolve("initdb"))) {
                throw new Unavailable("no initdb in keycloak.cluster.postgres.bin=" + configured);
            }
            return bin;
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(LocalPostgres::majorVersion)).orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        throw new Unavailable("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on the PATH;"
                + " Debian: apt-get install postgresql)");
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void pg(List<String> command, String what) throws Unavailable {
        run(command, asPostgresUser, what);
    }

    /** Runs a command to completion; {@link Unavailable} with its output when it fails. */
    private static void run(List<String> command, boolean asPostgresUser, String what) throws Unavailable {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("keycloak-wechat-pg-", ".out");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).directory(Path.of("/").toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new Unavailable(what + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
                }
                if (process.exitValue() != 0) {
                    throw new Unavailable(what + " failed with exit status " + process.exitValue() + ": "
                            + Files.readString(output, StandardCharsets.UTF_8).strip());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new Unavailable(what + " could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(what + " was interrupted");
        }
    }

    private static boolean commandSucceeds(List<String> command) {
        try {
            run(command, false, String.join(" ", command));
            return true;
        } catch (Unavailable e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e.getMessage());
        }
    }
}

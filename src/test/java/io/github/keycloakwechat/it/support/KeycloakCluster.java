package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak as people run it in production, on one machine: the distribution built once for PostgreSQL
 * ({@code kc.sh build --db=postgres}), copied per node, and each node started with {@code start --optimized
 * --cache=ispn} (embedded Infinispan) against the same database. The nodes find each other through Keycloak's default
 * discovery (JDBC_PING, via that database) and talk JGroups over 127.0.0.1, each on its own port.
 */
public final class KeycloakCluster implements AutoCloseable {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    /** Five minutes; {@code -Dkeycloak.ready.timeoutSeconds=N} as for {@link DistributionKeycloak}. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("keycloak.ready.timeoutSeconds", 300));
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(90);
    /** JGroups' failure detection (FD_SOCK2) listens on the transport port plus this offset (Infinispan's default). */
    private static final int FD_PORT_OFFSET = 50_000;

    /** Each node stops itself should the test JVM exit without closing the cluster (its own shutdown hook). */
    private final List<ClusterNode> nodes = new ArrayList<>();
    private Duration buildTime = Duration.ZERO;
    private Duration startTime = Duration.ZERO;

    private KeycloakCluster() {
    }

    /**
     * Like {@link #start(Path, Path, Path, LocalPostgres, List)} with what Maven passes the integration tests: the
     * unpacked distribution and the provider jar; the nodes live in {@code target/cluster}.
     */
    public static KeycloakCluster start(LocalPostgres database, List<String> names) {
        HarnessSettings settings = HarnessSettings.fromSystemProperties();
        return start(settings.requireDistHome(), settings.requireProviderJar(),
                settings.buildDirectory().resolve("cluster"), database, names);
    }

    /**
     * Builds the distribution at {@code distHome} (with our provider jar) into {@code workDir}, starts one node per
     * name (each once the one before is ready), and returns once every node sees all of them in its cluster view.
     */
    public static KeycloakCluster start(Path distHome, Path providerJar, Path workDir, LocalPostgres database,
                                        List<String> names) {
        KeycloakCluster cluster = new KeycloakCluster();
        try {
            long buildStarted = System.nanoTime();
            Path first = workDir.resolve(names.get(0));
            prepareBuild(distHome, providerJar, first, workDir.resolve("build.log"));
            for (String name : names.subList(1, names.size())) {
                // cp -a keeps the timestamps: start --optimized refuses a build whose files look newer than it.
                copyTree(first, workDir.resolve(name));
            }
            cluster.buildTime = Duration.ofNanos(System.nanoTime() - buildStarted);

            long startStarted = System.nanoTime();
            // One node at a time, as operators must: since Keycloak 26.3, nodes started together on an empty database
            // race to create its schema, and the loser exits with Liquibase's "relation databasechangelog already
            // exists" (keycloak/keycloak#41048, #41801). The first node creates the schema; the rest find it made.
            for (String name : names) {
                int[] ports = FreePorts.pick(2);
                ClusterNode node = new ClusterNode(name, workDir.resolve(name), ports[0], ports[1],
                        workDir.resolve(name + ".log"));
                cluster.nodes.add(node);
                node.launch(options(name, database, jgroupsPort()), environment());
                node.awaitReady(READY_TIMEOUT);
            }
            awaitMembers(cluster.nodes, names.size());
            cluster.startTime = Duration.ofNanos(System.nanoTime() - startStarted);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        System.out.printf("Keycloak cluster of %d ready: build %.1f s, start %.1f s; nodes %s%n", cluster.nodes.size(),
                cluster.buildTime.toMillis() / 1e3, cluster.startTime.toMillis() / 1e3, cluster.nodes);
        return cluster;
    }

    public ClusterNode node(int index) {
        return nodes.get(index);
    }

    public List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    /** {@code kc.sh build} plus copying the built distribution for each further node. */
    public Duration buildTime() {
        return buildTime;
    }

    /** From launching the nodes until all are ready and see each other. */
    public Duration startTime() {
        return startTime;
    }

    @Override
    public void close() {
        nodes.forEach(ClusterNode::stop);
    }

    /** A fresh copy of the distribution with exactly our jar in providers/, built for PostgreSQL. */
    private static void prepareBuild(Path distHome, Path providerJar, Path home, Path buildLog) {
        deleteTree(home);
        copyTree(distHome, home);
        // The integration tests' dev-mode H2 database and state: not part of a production node.
        deleteTree(home.resolve("data"));
        Path providers = home.resolve("providers");
        try (DirectoryStream<Path> old = Files.newDirectoryStream(providers, "keycloak-wechat*.jar")) {
            for (Path jar : old) {
                Files.delete(jar);
            }
            Files.copy(providerJar, providers.resolve(providerJar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install " + providerJar + " into " + providers, e);
        }
        List<String> command = List.of("/bin/sh", home.resolve("bin/kc.sh").toString(), "build",
                "--db=postgres", "--health-enabled=true");
        LogFile log = LogFile.startingNow(buildLog);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(buildLog.toFile()));
            builder.environment().keySet().removeIf(key -> key.startsWith("KC_") || key.startsWith("KEYCLOAK_"));
            Process build = builder.start();
            build.getOutputStream().close();
            if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ProcessTree.stop(build.toHandle(), Duration.ofSeconds(5));
                throw new IllegalStateException("kc.sh build did not finish within " + BUILD_TIMEOUT.toSeconds()
                        + " s:\n" + log.tail(40));
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build failed (" + build.exitValue() + "):\n" + log.tail(40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during kc.sh build", e);
        }
    }

    private static List<String> options(String name, LocalPostgres database, int jgroupsPort) {
        return List.of(
                // Production mode's default, said anyway; since 26.x a start option (kc.sh build ignores it).
                "--cache=ispn",
                // The node name shows in Infinispan's cluster views, so each log says which nodes it sees.
                "--spi-cache-embedded--default--node-name=" + name,
                "--http-enabled=true",
                "--hostname-strict=false",
                "--db-url=" + database.jdbcUrl(),
                "--db-username=" + LocalPostgres.USER,
                "--db-password=unused-with-trust-auth",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort,
                "--log-level=INFO,io.github.keycloakwechat:debug");
    }

    private static Map<String, String> environment() {
        // Two servers share the machine with other builds: a modest heap each, not 70 % of the RAM.
        return Map.of("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx1g");
    }

    /** Waits until every node's latest cluster view has {@code size} members. */
    private static void awaitMembers(List<ClusterNode> nodes, int size) {
        long deadline = System.nanoTime() + VIEW_TIMEOUT.toNanos();
        while (nodes.stream().anyMatch(node -> node.clusterMembers().size() != size)) {
            if (System.nanoTime() > deadline) {
                StringBuilder views = new StringBuilder();
                nodes.forEach(node -> views.append("\n").append(node).append(": ").append(node.clusterViewLines()));
                throw new IllegalStateException("The nodes did not form a cluster of " + size + " within "
                        + VIEW_TIMEOUT.toSeconds() + " s; cluster views logged:" + views);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the cluster view", e);
            }
        }
    }

    /**
     * A free JGroups port whose failure-detection port (port + 50000) is free too, so it must stay below 15536;
     * other Keycloaks on this machine use 7800 and up, so pick at random from a range they rarely reach.
     */
    private static int jgroupsPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, 15_500);
            if (free(port) && free(port + FD_PORT_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free JGroups port pair (port, port + " + FD_PORT_OFFSET + ") found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) {
        deleteTree(to);
        try {
            Files.createDirectories(to.getParent());
            Process copy = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
            if (copy.waitFor() != 0) {
                throw new IllegalStateException("cp -a " + from + " " + to + " failed with " + copy.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while copying " + from, e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}

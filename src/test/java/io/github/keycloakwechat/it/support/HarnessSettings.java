package io.github.keycloakwechat.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The harness's configuration, read from the system properties the failsafe executions pass (see pom.xml),
 * with defaults that let a test also run from an IDE after {@code mvn package}.
 */
record HarnessSettings(Kind kind, Path distHome, String distVersion, Path providerJar, Path buildDirectory) {

    /**
     * The ways the harness can run Keycloak; the system property {@code keycloak.runtime} picks one. {@code CLUSTER}
     * is the failsafe execution of {@code ClusterIT}, which starts its own nodes: no shared Keycloak there.
     */
    enum Kind { DISTRIBUTION, TESTCONTAINERS, CLUSTER }

    static final String ADMIN_USERNAME = "admin";
    static final String ADMIN_PASSWORD = "admin";
    /** Our classes at TRACE on purpose: the secret-leak tests then cover the most verbose logging. */
    static final String LOG_LEVEL = "INFO,io.github.keycloakwechat:trace";

    static HarnessSettings fromSystemProperties() {
        String runtime = System.getProperty("keycloak.runtime", "distribution").trim().toLowerCase(Locale.ROOT);
        Kind kind = switch (runtime) {
            case "distribution" -> Kind.DISTRIBUTION;
            case "testcontainers" -> Kind.TESTCONTAINERS;
            case "cluster" -> Kind.CLUSTER;
            default -> throw new IllegalStateException(
                    "Unknown keycloak.runtime '" + runtime + "': use 'distribution', 'testcontainers' or 'cluster'");
        };
        Path buildDirectory = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
        String distHome = System.getProperty("keycloak.dist.home");
        String providerJar = System.getProperty("keycloak.provider.jar");
        return new HarnessSettings(
                kind,
                distHome == null || distHome.isBlank() ? null : Path.of(distHome).toAbsolutePath(),
                System.getProperty("keycloak.dist.version", "26.7.0"),
                providerJar == null || providerJar.isBlank() ? null : Path.of(providerJar).toAbsolutePath(),
                buildDirectory);
    }

    /**
     * The file Keycloak's output is appended to, e.g. {@code target/keycloak-distribution.log}; the system property
     * {@code keycloak.log.file} names another (the version-matrix executions keep one file per Keycloak version).
     */
    Path logFile() {
        String configured = System.getProperty("keycloak.log.file");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return buildDirectory.resolve("keycloak-" + kind.name().toLowerCase(Locale.ROOT) + ".log");
    }

    /** The built provider jar; a missing one fails clearly instead of starting Keycloak without our extension. */
    Path requireProviderJar() {
        if (providerJar == null) {
            throw new IllegalStateException("System property keycloak.provider.jar is not set: run the tests through"
                    + " Maven (mvn verify), which passes the path of the built provider jar");
        }
        if (!Files.isRegularFile(providerJar)) {
            throw new IllegalStateException("The provider jar " + providerJar + " does not exist: build it first (mvn package)");
        }
        return providerJar;
    }

    Path requireDistHome() {
        if (distHome == null) {
            throw new IllegalStateException("System property keycloak.dist.home is not set: run the tests through Maven"
                    + " (mvn verify), which unpacks the Keycloak distribution in pre-integration-test");
        }
        if (!Files.isRegularFile(distHome.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at keycloak.dist.home=" + distHome
                    + " (bin/kc.sh missing): run mvn verify, or mvn pre-integration-test, to unpack it");
        }
        return distHome;
    }
}

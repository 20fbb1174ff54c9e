package io.github.keycloakwechat.it.support;

import org.testcontainers.DockerClientFactory;

/**
 * The one Keycloak of a test JVM: started on first use, closed by JUnit with the root store at the end of the
 * run. A failed start is remembered, so later test classes fail at once instead of waiting minutes again.
 */
final class SharedKeycloak implements AutoCloseable {

    static final String NO_DOCKER =
            "No Docker engine: the testcontainers-keycloak run is skipped (the same tests ran on the Keycloak distribution)";
    static final String CLUSTER_EXECUTION =
            "The cluster execution runs only ClusterIT (this test ran in the distribution execution)";

    private final HarnessSettings settings;
    private final String unavailableReason;
    private ManagedKeycloak runtime;
    private RuntimeException startFailure;

    SharedKeycloak(HarnessSettings settings) {
        this.settings = settings;
        // Asked once per JVM; without a Docker engine Testcontainers answers within about a second.
        this.unavailableReason = switch (settings.kind()) {
            case TESTCONTAINERS -> DockerClientFactory.instance().isDockerAvailable() ? null : NO_DOCKER;
            // -Dit.test=... overrides each execution's includes, so a selected test also lands here.
            case CLUSTER -> CLUSTER_EXECUTION;
            case DISTRIBUTION -> null;
        };
    }

    /** Why the selected runtime cannot run on this machine, or {@code null} if it can. */
    String unavailableReason() {
        return unavailableReason;
    }

    /** The running Keycloak, started on the first call. */
    synchronized KeycloakRuntime get() {
        if (unavailableReason != null) {
            throw new IllegalStateException(unavailableReason);
        }
        if (startFailure != null) {
            throw new IllegalStateException("Keycloak failed to start earlier in this run", startFailure);
        }
        if (runtime == null) {
            try {
                runtime = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return runtime;
    }

    private ManagedKeycloak start() {
        return switch (settings.kind()) {
            case DISTRIBUTION -> DistributionKeycloak.start(settings.requireDistHome(), settings.distVersion(),
                    settings.requireProviderJar(), settings.logFile());
            case TESTCONTAINERS -> ContainerKeycloak.start(settings.distVersion(), settings.requireProviderJar(),
                    settings.logFile());
            case CLUSTER -> throw new IllegalStateException(CLUSTER_EXECUTION);
        };
    }

    @Override
    public synchronized void close() {
        if (runtime != null) {
            runtime.close();
            System.out.println("Keycloak " + runtime.name() + " stopped");
            runtime = null;
        }
    }
}

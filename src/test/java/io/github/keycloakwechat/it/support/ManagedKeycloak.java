package io.github.keycloakwechat.it.support;

import java.nio.file.Path;

/**
 * A Keycloak the harness started and so must stop, however it runs (a local process, a container). It holds what
 * every way of running Keycloak shares: the name for messages, the base URL and the admin client; a subclass adds
 * how it starts, stops, logs and keeps vault secrets. Tests only ever see the {@link KeycloakRuntime} side.
 */
abstract class ManagedKeycloak implements KeycloakRuntime, AutoCloseable {

    private final String name;
    private final String baseUrl;
    private volatile KeycloakAdmin admin;

    ManagedKeycloak(String name, String baseUrl) {
        this.name = name;
        this.baseUrl = baseUrl;
    }

    @Override
    public final String baseUrl() {
        return baseUrl;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Keycloak runs on this host, so host URLs work unchanged; a container overrides this. */
    @Override
    public String reachableFromServer(String hostUrl) {
        return hostUrl;
    }

    /** Logged in as the bootstrap admin every way of running Keycloak creates, on first use. */
    @Override
    public final KeycloakAdmin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = new KeycloakAdmin(baseUrl, HarnessSettings.ADMIN_USERNAME, HarnessSettings.ADMIN_PASSWORD);
                }
            }
        }
        return admin;
    }

    /** Stops Keycloak; safe to call more than once. */
    public abstract void stop();

    @Override
    public final void close() {
        stop();
    }

    /** One line per start, so a run's output says which Keycloak ran where, how soon it was up, and its log. */
    final void printReady(long startedNanos, Path log) {
        System.out.printf("Keycloak %s ready in %.1f s at %s (log: %s)%n", name,
                (System.nanoTime() - startedNanos) / 1e9, baseUrl, log);
    }
}

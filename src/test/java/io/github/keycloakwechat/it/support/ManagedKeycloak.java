package io.github.keycloakwechat.it.support;

/** A Keycloak the harness started and so must stop; tests only ever see the {@link KeycloakRuntime} side. */
interface ManagedKeycloak extends KeycloakRuntime, AutoCloseable {

    /** Stops Keycloak; safe to call more than once. */
    @Override
    void close();
}

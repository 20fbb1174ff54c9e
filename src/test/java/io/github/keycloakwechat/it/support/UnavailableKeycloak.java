package io.github.keycloakwechat.it.support;

import org.junit.jupiter.api.Assumptions;

/** Stands in for a Keycloak that cannot run here: any use aborts the calling test (reported skipped). */
final class UnavailableKeycloak implements KeycloakRuntime {

    private final String reason;

    UnavailableKeycloak(String reason) {
        this.reason = reason;
    }

    @Override
    public String baseUrl() {
        return Assumptions.abort(reason);
    }

    @Override
    public String name() {
        return "unavailable: " + reason;
    }

    @Override
    public String reachableFromServer(String hostUrl) {
        return Assumptions.abort(reason);
    }

    @Override
    public void putVaultFile(String fileName, String value) {
        Assumptions.abort(reason);
    }

    @Override
    public String serverLog() {
        return Assumptions.abort(reason);
    }

    @Override
    public KeycloakAdmin admin() {
        return Assumptions.abort(reason);
    }
}

package io.github.keycloakwechat.broker;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/** Reads an AppSecret as configured: a value, or a {@code ${vault.…}} reference resolved through Keycloak's vault. */
public final class AppSecrets {

    private AppSecrets() {
    }

    /** The secret, or empty when none is set or its vault reference does not resolve. */
    public static Optional<String> resolve(KeycloakSession session, String configured) {
        try (VaultStringSecret secret = session.vault().getStringSecret(configured)) {
            Optional<String> resolved = secret.get();
            if (resolved.isPresent()) {
                return resolved;
            }
        }
        if (configured == null || configured.isEmpty() || configured.startsWith("${vault.")) {
            return Optional.empty();
        }
        return Optional.of(configured);
    }
}

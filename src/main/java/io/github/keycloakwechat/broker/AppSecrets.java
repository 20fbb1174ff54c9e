package io.github.keycloakwechat.broker;

import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/** Reads an AppSecret as configured: a value, or a {@code ${vault.…}} reference resolved through Keycloak's vault. */
public final class AppSecrets {

    private static final Logger LOG = Logger.getLogger(AppSecrets.class);

    private AppSecrets() {
    }

    /**
     * The app's secret, or empty when none is set or its vault reference does not resolve; the admin then finds a
     * WARN naming the provider, the realm and the app (every channel's sign-in fails the same way).
     */
    public static Optional<String> of(KeycloakSession session, RealmModel realm, String alias, WeChatApp app) {
        Optional<String> secret = resolve(session, app.secretReference());
        if (secret.isEmpty()) {
            LOG.warnf("WeChat provider %s in realm %s: the AppSecret of %s is a vault reference that does not resolve",
                    alias, realm.getName(), app.appId());
        }
        return secret;
    }

    /** Any secret setting as configured: the value, or what its vault reference resolves to (empty if nothing). */
    public static Optional<String> value(KeycloakSession session, String configured) {
        return resolve(session, configured);
    }

    private static Optional<String> resolve(KeycloakSession session, String configured) {
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

package io.github.keycloakwechat.broker;

import java.util.Optional;

import io.github.keycloakwechat.secrets.StoredSecrets;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * Reads a secret setting as configured: the value kept in {@link StoredSecrets} when the config holds its mask, or a
 * {@code ${vault.…}} reference resolved through Keycloak's vault (or a plain value saved before secrets were stored).
 */
public final class AppSecrets {

    private static final Logger LOG = Logger.getLogger(AppSecrets.class);

    private AppSecrets() {
    }

    /**
     * The app's secret, or empty when none is set, its vault reference does not resolve or nothing is stored for its
     * mask; the admin then finds a WARN naming the provider, the realm and the app (every channel's sign-in fails the
     * same way).
     */
    public static Optional<String> of(KeycloakSession session, RealmModel realm, String alias, WeChatApp app) {
        Optional<String> secret = value(session, realm, alias, app.secretKey(), app.secretReference());
        if (secret.isEmpty()) {
            if (StoredSecrets.isMask(app.secretReference())) {
                LOG.warnf("WeChat provider %s in realm %s: the AppSecret of %s is masked but none is stored for it;"
                        + " enter it again and save the provider", alias, realm.getName(), app.appId());
            } else {
                LOG.warnf("WeChat provider %s in realm %s: the AppSecret of %s is a vault reference that does not"
                        + " resolve", alias, realm.getName(), app.appId());
            }
        }
        return secret;
    }

    /**
     * Any secret setting ({@code key}) as configured: the value, the stored value its mask stands for, or what its
     * vault reference resolves to (empty if nothing).
     */
    public static Optional<String> value(KeycloakSession session, RealmModel realm, String alias, String key,
            String configured) {
        return resolve(session, StoredSecrets.resolve(realm, alias, key, configured));
    }

    private static Optional<String> resolve(KeycloakSession session, String configured) {
        if (configured == null) {
            return Optional.empty(); // a mask with nothing stored, or nothing set
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(configured)) {
            Optional<String> resolved = secret.get();
            if (resolved.isPresent()) {
                return resolved;
            }
        }
        if (configured.isEmpty() || configured.startsWith("${vault.")) {
            return Optional.empty();
        }
        return Optional.of(configured);
    }
}

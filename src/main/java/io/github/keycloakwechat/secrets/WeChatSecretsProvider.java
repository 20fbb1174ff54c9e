package io.github.keycloakwechat.secrets;

import org.keycloak.provider.Provider;

/**
 * The provider type of the components that hold a WeChat provider's secret settings (see {@link StoredSecrets}). It
 * does nothing itself: the type exists so that Keycloak knows the components' factory, and with it which of their
 * settings are secret and must be masked in the admin API.
 */
public interface WeChatSecretsProvider extends Provider {
}

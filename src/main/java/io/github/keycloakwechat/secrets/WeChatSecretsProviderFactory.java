package io.github.keycloakwechat.secrets;

import org.keycloak.component.ComponentFactory;

/** The factory type of {@link WeChatSecretsSpi}: what Keycloak looks its factories up by (META-INF/services). */
public interface WeChatSecretsProviderFactory extends ComponentFactory<WeChatSecretsProvider, WeChatSecretsProvider> {
}

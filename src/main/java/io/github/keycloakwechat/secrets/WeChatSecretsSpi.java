package io.github.keycloakwechat.secrets;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Registers {@link WeChatSecretsProvider} with Keycloak, so that its components can be stored and read. */
public class WeChatSecretsSpi implements Spi {

    public static final String NAME = "wechat-secrets";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return WeChatSecretsProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return WeChatSecretsProviderFactory.class;
    }
}

package io.github.keycloakwechat.secrets;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The factory of the components that hold a WeChat provider's secret settings. Its config properties are the
 * secret settings, each {@code secret(true)}: Keycloak masks such values of a component wherever it shows one (the
 * components API, partial export), which it does not do for an identity provider's own fields.
 */
public class WeChatSecretsFactory implements WeChatSecretsProviderFactory {

    public static final String PROVIDER_ID = "wechat-provider-secrets";

    @Override
    public WeChatSecretsProvider create(KeycloakSession session, ComponentModel model) {
        return () -> {
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "The secret settings of a WeChat identity provider (the component's name is the provider's alias),"
                + " kept here so that the admin API shows them masked";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        for (String key : StoredSecrets.KEYS) {
            builder.property().name(key).label(key).type(ProviderConfigProperty.PASSWORD).secret(true).add();
        }
        return builder.build();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}

package io.github.keycloakwechat.broker;

import java.util.List;

import io.github.keycloakwechat.identity.NewUsernames;
import io.github.keycloakwechat.secrets.StoredSecrets;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.broker.social.SocialIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers "WeChat" (provider id {@code wechat}) as a social identity provider. Keycloak's admin
 * console renders {@link #getConfigProperties()} under the standard Client ID / Client Secret fields;
 * labels and help texts are message keys, translated from {@code theme-resources/messages} by the
 * admin's locale.
 */
public class WeChatIdentityProviderFactory extends AbstractIdentityProviderFactory<WeChatIdentityProvider>
        implements SocialIdentityProviderFactory<WeChatIdentityProvider> {

    public static final String PROVIDER_ID = "wechat";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "WeChat";
    }

    @Override
    public WeChatIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new WeChatIdentityProvider(session, new WeChatIdentityProviderConfig(model));
    }

    /** A removed provider's stored secrets go with it (a removed realm's components go with the realm). */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.IdentityProviderRemovedEvent removed && removed.getRealm() != null
                    && PROVIDER_ID.equals(removed.getRemovedIdentityProvider().getProviderId())) {
                StoredSecrets.remove(removed.getRealm(), removed.getRemovedIdentityProvider().getAlias());
            }
        });
    }

    @Override
    public WeChatIdentityProviderConfig createConfig() {
        return new WeChatIdentityProviderConfig();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_APP_ID)
                .label("wechatOfficialAccountAppIdLabel")
                .helpText("wechatOfficialAccountAppIdHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_APP_SECRET)
                .label("wechatOfficialAccountAppSecretLabel")
                .helpText("wechatOfficialAccountAppSecretHelp")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_SCOPE)
                .label("wechatOfficialAccountScopeLabel")
                .helpText("wechatOfficialAccountScopeHelp")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(WeChatIdentityProviderConfig.SCOPE_USERINFO, WeChatIdentityProviderConfig.SCOPE_BASE)
                .defaultValue(WeChatIdentityProviderConfig.SCOPE_USERINFO)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_TOKEN)
                .label("wechatOfficialAccountTokenLabel")
                .helpText("wechatOfficialAccountTokenHelp")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_ENCODING_AES_KEY)
                .label("wechatOfficialAccountEncodingAesKeyLabel")
                .helpText("wechatOfficialAccountEncodingAesKeyHelp")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.MINI_PROGRAM_APP_ID)
                .label("wechatMiniProgramAppIdLabel")
                .helpText("wechatMiniProgramAppIdHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.MINI_PROGRAM_APP_SECRET)
                .label("wechatMiniProgramAppSecretLabel")
                .helpText("wechatMiniProgramAppSecretHelp")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.MOBILE_APP_APP_ID)
                .label("wechatMobileAppAppIdLabel")
                .helpText("wechatMobileAppAppIdHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.MOBILE_APP_APP_SECRET)
                .label("wechatMobileAppAppSecretLabel")
                .helpText("wechatMobileAppAppSecretHelp")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.CODE_GRANT_CLIENTS)
                .label("wechatCodeGrantClientsLabel")
                .helpText("wechatCodeGrantClientsHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.CODE_GRANT_NEW_USERS)
                .label("wechatCodeGrantNewUsersLabel")
                .helpText("wechatCodeGrantNewUsersHelp")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(WeChatIdentityProviderConfig.NEW_USERS_CREATE, WeChatIdentityProviderConfig.NEW_USERS_REJECT)
                .defaultValue(WeChatIdentityProviderConfig.NEW_USERS_CREATE)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.BROKERED_ID)
                .label("wechatBrokeredIdLabel")
                .helpText("wechatBrokeredIdHelp")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(WeChatIdentityProviderConfig.BROKERED_ID_UNIONID, WeChatIdentityProviderConfig.BROKERED_ID_OPENID)
                .defaultValue(WeChatIdentityProviderConfig.BROKERED_ID_UNIONID)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.USERNAME_TEMPLATE)
                .label("wechatUsernameTemplateLabel")
                .helpText("wechatUsernameTemplateHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(NewUsernames.DEFAULT_TEMPLATE)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.EMBEDDED_QR)
                .label("wechatEmbeddedQrLabel")
                .helpText("wechatEmbeddedQrHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.FOLLOW_QR)
                .label("wechatFollowQrLabel")
                .helpText("wechatFollowQrHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.API_BASE_URL)
                .label("wechatApiBaseUrlLabel")
                .helpText("wechatApiBaseUrlHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(WeChatIdentityProviderConfig.DEFAULT_API_BASE_URL)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.OPEN_BASE_URL)
                .label("wechatOpenBaseUrlLabel")
                .helpText("wechatOpenBaseUrlHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(WeChatIdentityProviderConfig.DEFAULT_OPEN_BASE_URL)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.MP_BASE_URL)
                .label("wechatMpBaseUrlLabel")
                .helpText("wechatMpBaseUrlHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(WeChatIdentityProviderConfig.DEFAULT_MP_BASE_URL)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.WX_LOGIN_SCRIPT_URL)
                .label("wechatWxLoginScriptUrlLabel")
                .helpText("wechatWxLoginScriptUrlHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.TIMEOUT_MILLIS)
                .label("wechatTimeoutMillisLabel")
                .helpText("wechatTimeoutMillisHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(WeChatIdentityProviderConfig.DEFAULT_TIMEOUT_MILLIS))
                .add()
                .build();
    }
}

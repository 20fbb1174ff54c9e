package io.github.keycloakwechat.broker;

import java.util.List;

import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.broker.social.SocialIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers "WeChat" (provider id {@code wechat}) as a social identity provider. Keycloak's admin
 * console renders {@link #getConfigProperties()} under the standard Client ID / Client Secret fields.
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

    @Override
    public WeChatIdentityProviderConfig createConfig() {
        return new WeChatIdentityProviderConfig();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_APP_ID)
                .label("Official Account AppID (mp.weixin.qq.com)")
                .helpText("AppID of a verified Service Account (服务号) with web authorization (网页授权). "
                        + "Inside the WeChat app people sign in through it instead of a QR code. Leave empty to "
                        + "ask people inside WeChat to open the page in a browser.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_APP_SECRET)
                .label("Official Account AppSecret")
                .helpText("The Official Account's AppSecret, or a vault reference such as ${vault.wechat_oa_secret}. "
                        + "Keycloak's admin API returns this field in clear: prefer a vault reference.")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_SCOPE)
                .label("Official Account scope")
                .helpText("snsapi_userinfo asks the person's consent and gives their nickname and avatar; "
                        + "snsapi_base is silent and gives only their openid (and a unionid where WeChat sends one).")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(WeChatIdentityProviderConfig.SCOPE_USERINFO, WeChatIdentityProviderConfig.SCOPE_BASE)
                .defaultValue(WeChatIdentityProviderConfig.SCOPE_USERINFO)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.BROKERED_ID)
                .label("Identify people by")
                .helpText("unionid: one Keycloak user per person across every WeChat app bound to your Open Platform "
                        + "account (recommended). openid: one user per person and app; nothing correlates a person's "
                        + "sign-ins through different apps.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(WeChatIdentityProviderConfig.BROKERED_ID_UNIONID, WeChatIdentityProviderConfig.BROKERED_ID_OPENID)
                .defaultValue(WeChatIdentityProviderConfig.BROKERED_ID_UNIONID)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.API_BASE_URL)
                .label("WeChat API base URL")
                .helpText("Where Keycloak calls WeChat's server API (/sns/oauth2/access_token, /sns/userinfo). "
                        + "Change it only for a WeChat simulator or an egress proxy.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(WeChatIdentityProviderConfig.DEFAULT_API_BASE_URL)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.OPEN_BASE_URL)
                .label("WeChat authorization base URL")
                .helpText("Where the browser is sent to scan the QR code (/connect/qrconnect). "
                        + "Change it only for a WeChat simulator.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(WeChatIdentityProviderConfig.DEFAULT_OPEN_BASE_URL)
                .add()
                .property()
                .name(WeChatIdentityProviderConfig.TIMEOUT_MILLIS)
                .label("WeChat call timeout (ms)")
                .helpText("Upper bound for each call to WeChat's API (connect and read), 100 to 60000.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(WeChatIdentityProviderConfig.DEFAULT_TIMEOUT_MILLIS))
                .add()
                .build();
    }
}

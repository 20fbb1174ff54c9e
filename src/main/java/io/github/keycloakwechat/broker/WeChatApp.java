package io.github.keycloakwechat.broker;

/**
 * One WeChat app of the provider: the website application ({@code clientId}/{@code clientSecret}) or the
 * Official Account.
 *
 * @param secretReference the AppSecret as configured: a value or a {@code ${vault.…}} reference
 * @param scope what the person grants; with {@code snsapi_base} WeChat gives no profile
 */
public record WeChatApp(WeChatChannel channel, String appId, String secretReference, String scope) {

    static WeChatApp of(WeChatIdentityProviderConfig config, WeChatChannel channel) {
        return channel == WeChatChannel.OFFICIAL_ACCOUNT
                ? new WeChatApp(channel, config.getOfficialAccountAppId(), config.getOfficialAccountAppSecret(),
                        config.getOfficialAccountScope())
                : new WeChatApp(channel, config.getClientId(), config.getClientSecret(),
                        io.github.keycloakwechat.api.WeChatAuthorizationUrls.WEBSITE_SCOPE);
    }

    /** Whether {@code /sns/userinfo} answers for this app's tokens (it says 48001 for {@code snsapi_base}). */
    public boolean profileAvailable() {
        return !WeChatIdentityProviderConfig.SCOPE_BASE.equals(scope);
    }
}

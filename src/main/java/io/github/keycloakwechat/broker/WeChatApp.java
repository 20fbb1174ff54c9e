package io.github.keycloakwechat.broker;

import io.github.keycloakwechat.api.WeChatAuthorizationUrls;

/**
 * One WeChat app of the provider: the website application ({@code clientId}/{@code clientSecret}), the Official
 * Account, the mini program or the mobile app.
 *
 * @param appId {@code null} when the provider has no such app
 * @param secretReference the AppSecret as configured: a value, a {@code ${vault.…}} reference or the mask of a
 *                        stored value
 * @param scope what the person grants; with {@code snsapi_base} WeChat gives no profile, and a mini program's
 *              sign-in has none ({@code null})
 */
public record WeChatApp(WeChatChannel channel, String appId, String secretReference, String scope) {

    public static WeChatApp of(WeChatIdentityProviderConfig config, WeChatChannel channel) {
        return switch (channel) {
            case OFFICIAL_ACCOUNT -> new WeChatApp(channel, config.getOfficialAccountAppId(),
                    config.getOfficialAccountAppSecret(), config.getOfficialAccountScope());
            // No web authorization, so no profile: the push and /cgi-bin/user/info give ids only (protocol §7.4).
            case FOLLOW -> new WeChatApp(channel, config.getOfficialAccountAppId(),
                    config.getOfficialAccountAppSecret(), null);
            case MINI_PROGRAM -> new WeChatApp(channel, config.getMiniProgramAppId(), config.getMiniProgramAppSecret(),
                    null);
            // The SDK's SendAuth asks for snsapi_userinfo (protocol §6.2).
            case MOBILE_APP -> new WeChatApp(channel, config.getMobileAppAppId(), config.getMobileAppAppSecret(),
                    WeChatIdentityProviderConfig.SCOPE_USERINFO);
            case WEBSITE -> new WeChatApp(channel, config.getClientId(), config.getClientSecret(),
                    WeChatAuthorizationUrls.WEBSITE_SCOPE);
        };
    }

    /** The config key of the app's secret, under which {@link AppSecrets} finds a stored one. */
    public String secretKey() {
        return switch (channel) {
            case OFFICIAL_ACCOUNT, FOLLOW -> WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_APP_SECRET;
            case MINI_PROGRAM -> WeChatIdentityProviderConfig.MINI_PROGRAM_APP_SECRET;
            case MOBILE_APP -> WeChatIdentityProviderConfig.MOBILE_APP_APP_SECRET;
            case WEBSITE -> "clientSecret";
        };
    }

    /** Whether {@code /sns/userinfo} answers for this app's tokens (it says 48001 for {@code snsapi_base}). */
    public boolean profileAvailable() {
        return scope != null && !WeChatIdentityProviderConfig.SCOPE_BASE.equals(scope);
    }
}

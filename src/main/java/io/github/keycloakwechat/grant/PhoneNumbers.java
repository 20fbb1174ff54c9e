package io.github.keycloakwechat.grant;

import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.api.WeChatEndpoint;
import io.github.keycloakwechat.api.WeChatPhoneNumber;
import io.github.keycloakwechat.apptoken.AppAccessTokens;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.UserModel;

/**
 * A mini program user's phone number (protocol §6.1): fetched with the mini program's app access token, accepted
 * only when WeChat's watermark names the mini program that asked, and kept where Keycloak's user profile and its
 * "phone" client scope look for it.
 */
final class PhoneNumbers {

    /** The attribute Keycloak's user profile and the "phone" scope's {@code phone_number} claim read. */
    static final String PHONE_NUMBER = "phoneNumber";
    /** Read by the "phone" scope's {@code phone_number_verified} claim: WeChat verified the number. */
    static final String PHONE_NUMBER_VERIFIED = "phoneNumberVerified";

    private final WeChatApiClient api;
    private final AppAccessTokens appTokens;

    PhoneNumbers(WeChatApiClient api, AppAccessTokens appTokens) {
        this.api = api;
        this.appTokens = appTokens;
    }

    WeChatPhoneNumber fetch(String appId, String secret, String phoneCode) throws CodeGrantException {
        WeChatPhoneNumber phone;
        try {
            phone = appTokens.withToken(appId, secret, token -> api.phoneNumber(token, phoneCode));
        } catch (WeChatApiException e) {
            throw CodeGrantFailures.of(e, e.endpoint() == WeChatEndpoint.PHONE_NUMBER ? "phone_code"
                    : "mini program's app access token");
        }
        if (!appId.equals(phone.watermarkAppId())) {
            throw new CodeGrantException("invalid_grant", "WeChat returned a phone number issued to another mini"
                    + " program; get a new phone_code", Response.Status.BAD_REQUEST, "phone_watermark_mismatch");
        }
        return phone;
    }

    static void store(UserModel user, WeChatPhoneNumber phone) {
        user.setSingleAttribute(PHONE_NUMBER, phone.e164());
        user.setSingleAttribute(PHONE_NUMBER_VERIFIED, "true");
    }
}

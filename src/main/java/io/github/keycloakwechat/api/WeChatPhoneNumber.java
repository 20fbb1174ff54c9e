package io.github.keycloakwechat.api;

/**
 * A mini program user's phone number as WeChat verified it ({@code getuserphonenumber}, protocol §6.1).
 *
 * @param purePhoneNumber the number without country code, e.g. {@code 13800000000}
 * @param countryCode e.g. {@code 86}
 * @param watermarkAppId the mini program WeChat issued the number to; must be the one that asked
 */
public record WeChatPhoneNumber(String purePhoneNumber, String countryCode, String watermarkAppId) {

    /** The number in E.164 form, as OpenID Connect's {@code phone_number} claim recommends: {@code +8613800000000}. */
    public String e164() {
        return "+" + countryCode + purePhoneNumber;
    }

    @Override
    public String toString() {
        // A person's phone number is personal data: not in logs.
        return "WeChatPhoneNumber[countryCode=" + countryCode + ", watermarkAppId=" + watermarkAppId + "]";
    }
}

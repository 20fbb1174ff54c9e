package io.github.keycloakwechat.api;

/**
 * WeChat's answer to a code exchange ({@code /sns/oauth2/access_token}).
 *
 * @param unionid {@code null} when the app is not bound to an Open Platform account
 * @param snapshotUser {@code true} for WeChat's throwaway "snapshot page" accounts, which must never be linked
 * @param rawJson the body as WeChat sent it, for Keycloak's "store tokens" option
 */
public record WeChatAccessToken(String accessToken, long expiresIn, String refreshToken, String openid,
                                String unionid, String scope, boolean snapshotUser, String rawJson) {

    @Override
    public String toString() {
        // Tokens stay out of logs.
        return "WeChatAccessToken[openid=" + openid + ", unionid=" + unionid + ", scope=" + scope
                + ", snapshotUser=" + snapshotUser + "]";
    }
}

package io.github.keycloakwechat.api;

/**
 * An app access token ({@code cgi-bin/stable_token}): what a mini program or Official Account calls WeChat's
 * {@code cgi-bin} and {@code wxa} APIs with. Not a person's token.
 *
 * @param expiresInSeconds how long WeChat says it stays valid from now
 */
public record WeChatAppAccessToken(String token, long expiresInSeconds) {

    @Override
    public String toString() {
        // The token stays out of logs.
        return "WeChatAppAccessToken[expiresInSeconds=" + expiresInSeconds + "]";
    }
}

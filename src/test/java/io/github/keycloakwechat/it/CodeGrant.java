package io.github.keycloakwechat.it;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.TokenEndpoint;

/**
 * What a mini program (through its server, or {@code wx.request}) or a native app sends to Keycloak's token endpoint
 * to sign a WeChat person in: the WeChat code grant.
 */
final class CodeGrant {

    static final String GRANT_TYPE = "https://keycloakwechat.github.io/grant-type/wechat-code";

    private final TokenEndpoint endpoint;
    private final String clientId;
    private final String clientSecret;

    private CodeGrant(TokenEndpoint endpoint, String clientId, String clientSecret) {
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** A public client: a mini program cannot keep a secret. */
    static CodeGrant publicClient(KeycloakRuntime keycloak, String realm, String clientId) {
        return new CodeGrant(new TokenEndpoint(keycloak.baseUrl(), realm), clientId, null);
    }

    /** A public client sending to the given endpoint (e.g. one cluster node behind a load balancer). */
    static CodeGrant publicClient(TokenEndpoint endpoint, String clientId) {
        return new CodeGrant(endpoint, clientId, null);
    }

    /** A confidential client: an app's own server. */
    static CodeGrant confidentialClient(KeycloakRuntime keycloak, String realm, String clientId, String secret) {
        return new CodeGrant(new TokenEndpoint(keycloak.baseUrl(), realm), clientId, secret);
    }

    /** {@code code} from {@code wx.login()} or the SDK, for the app {@code appId}; {@code scope openid}. */
    TokenEndpoint.Answer signIn(String appId, String code) {
        return send(Map.of("appid", appId, "code", code, "scope", "openid"));
    }

    /** Any parameters besides the grant type and the client's. */
    TokenEndpoint.Answer send(Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.putAll(parameters);
        return asClient(form);
    }

    TokenEndpoint.Answer refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return asClient(form);
    }

    /** Sends the form with this client's credentials, as any OAuth client authenticates at the token endpoint. */
    private TokenEndpoint.Answer asClient(Map<String, String> form) {
        form.put("client_id", clientId);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        return endpoint.post(form);
    }
}

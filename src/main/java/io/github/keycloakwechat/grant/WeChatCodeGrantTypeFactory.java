package io.github.keycloakwechat.grant;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;

/**
 * Registers the WeChat code grant on every realm's token endpoint (and in its discovery document's
 * {@code grant_types_supported}). Keycloak's grant SPI is private: the version matrix in CI keeps this honest.
 */
public class WeChatCodeGrantTypeFactory implements OAuth2GrantTypeFactory {

    /** The {@code grant_type} value: an absolute URI in this project's namespace (RFC 6749 §4.5). */
    public static final String GRANT_TYPE = "https://keycloakwechat.github.io/grant-type/wechat-code";

    @Override
    public String getId() {
        return GRANT_TYPE;
    }

    /** Two characters, unique among the grants: Keycloak writes it into each token's id. */
    @Override
    public String getShortcut() {
        return "wx";
    }

    /** This node's copy of the providers' mappers, shared by the grant's requests. */
    private final ProviderMapperCache mapperCache = new ProviderMapperCache();

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new WeChatCodeGrantType(mapperCache);
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

package io.github.keycloakwechat.broker;

import java.net.URI;

import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatAuthorizationUrls;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.broker.social.SocialIdentityProvider;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * WeChat in Keycloak's identity broker: where the browser is sent, which endpoint receives WeChat's
 * callback, and what is kept on the user. The WeChat protocol itself lives in the {@code api} package.
 */
public class WeChatIdentityProvider extends AbstractOAuth2IdentityProvider<WeChatIdentityProviderConfig>
        implements SocialIdentityProvider<WeChatIdentityProviderConfig> {

    public WeChatIdentityProvider(KeycloakSession session, WeChatIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    protected String getDefaultScopes() {
        return WeChatAuthorizationUrls.WEBSITE_SCOPE;
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        try {
            // WeChat takes at most 128 letters and digits; Keycloak's state stays here behind a handle.
            String handle = new WeChatStateStore(session).issue(request.getRealm(), getConfig().getAlias(),
                    request.getState().getEncoded());
            String url = WeChatAuthorizationUrls.qrConnect(getConfig().getOpenBaseUrl(), getConfig().getClientId(),
                    request.getRedirectUri(), handle);
            return Response.seeOther(URI.create(url)).build();
        } catch (RuntimeException e) {
            throw new IdentityBrokerException("Could not send the person to WeChat", e);
        }
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new WeChatCallbackEndpoint(session, realm, this, callback, event);
    }

    /** A client for WeChat's API over Keycloak's own HTTP client (pool, proxy, truststore). */
    WeChatApiClient apiClient() {
        return new WeChatApiClient(session.getProvider(HttpClientProvider.class).getHttpClient(),
                JsonSerialization.mapper, getConfig().getApiBaseUrl(), getConfig().getTimeout());
    }

    /**
     * Whether this sign-in needs the WeChat profile. A person already linked gets nothing from it in
     * Keycloak's default "import" sync mode, so the {@code /sns/userinfo} round trip is skipped, unless
     * the provider forces updates or has mappers (which may read profile fields).
     */
    boolean needsProfile(RealmModel realm, WeChatIdentity identity) {
        if (getConfig().getSyncMode() == IdentityProviderSyncMode.FORCE
                || session.identityProviders().getMappersByAliasStream(getConfig().getAlias()).findAny().isPresent()) {
            return true;
        }
        return !isLinked(realm, identity.brokeredId())
                && (identity.legacyId() == null || !isLinked(realm, identity.legacyId()));
    }

    private boolean isLinked(RealmModel realm, String federatedId) {
        FederatedIdentityModel link = new FederatedIdentityModel(getConfig().getAlias(), federatedId, null);
        return session.users().getUserByFederatedIdentity(realm, link) != null;
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        WeChatIdentity identity = WeChatIdentity.readFrom(context);
        if (identity != null) {
            new WeChatUserAttributes(session).record(user, identity, true);
        }
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        WeChatIdentity identity = WeChatIdentity.readFrom(context);
        if (identity != null) {
            // Ids always; the profile in "force" mode, or the first time this user gets one.
            boolean updateProfile = getConfig().getSyncMode() == IdentityProviderSyncMode.FORCE
                    || user.getFirstAttribute(WeChatUserAttributes.NICKNAME) == null;
            new WeChatUserAttributes(session).record(user, identity, updateProfile);
        }
    }
}

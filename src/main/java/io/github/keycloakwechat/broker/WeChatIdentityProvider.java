package io.github.keycloakwechat.broker;

import java.net.URI;
import java.util.List;

import io.github.keycloakwechat.api.WeChatAccessToken;
import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatUserInfo;
import io.github.keycloakwechat.api.WeChatAuthorizationUrls;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.broker.social.SocialIdentityProvider;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.Constants;
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

    /** Shown inside WeChat when no Official Account is configured. */
    static final String MESSAGE_OPEN_IN_BROWSER = "wechatOpenInBrowserMessage";
    /** Shown in a phone browser outside WeChat, before WeChat's QR page. */
    static final String MESSAGE_PHONE_HINT = "wechatPhoneHintMessage";

    public WeChatIdentityProvider(KeycloakSession session, WeChatIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    protected String getDefaultScopes() {
        return WeChatAuthorizationUrls.WEBSITE_SCOPE;
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        WeChatIdentityProviderConfig config = getConfig();
        String userAgent = request.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT);
        WeChatBrowser browser = WeChatBrowser.of(userAgent);
        boolean qrFrame = WeChatQrFrame.requested(request);
        if (qrFrame && (browser == WeChatBrowser.WECHAT || browser == WeChatBrowser.PHONE)) {
            // The theme only embeds on computers; a frame asked for anyway says what to do instead.
            return loginForms(request).setError(MESSAGE_PHONE_HINT).createErrorPage(Response.Status.OK);
        }
        if (browser == WeChatBrowser.WECHAT && !config.hasOfficialAccount()) {
            // A QR code cannot be scanned with the phone that shows it, and WeChat's QR page breaks there.
            return loginForms(request).setError(MESSAGE_OPEN_IN_BROWSER).createErrorPage(Response.Status.OK);
        }
        WeChatChannel channel = browser == WeChatBrowser.WECHAT ? WeChatChannel.OFFICIAL_ACCOUNT : WeChatChannel.WEBSITE;
        String url;
        String handle;
        try {
            // WeChat takes at most 128 letters and digits; Keycloak's state stays here behind a handle.
            handle = new WeChatStateStore(session).issue(request.getRealm(), config.getAlias(),
                    request.getState().getEncoded(), channel);
            url = channel == WeChatChannel.OFFICIAL_ACCOUNT
                    ? WeChatAuthorizationUrls.officialAccount(config.getOpenBaseUrl(), config.getOfficialAccountAppId(),
                            request.getRedirectUri(), config.getOfficialAccountScope(), handle)
                    : WeChatAuthorizationUrls.qrConnect(config.getOpenBaseUrl(), config.getClientId(),
                            request.getRedirectUri(), handle);
        } catch (RuntimeException e) {
            throw new IdentityBrokerException("Could not send the person to WeChat", e);
        }
        if (qrFrame) {
            return WeChatQrFrame.render(session, loginForms(request), config, request, handle, url);
        }
        if (browser == WeChatBrowser.PHONE) {
            // Say before WeChat's QR page that it needs a second device; the link continues to it.
            return loginForms(request).setInfo(MESSAGE_PHONE_HINT)
                    .setAttribute(Constants.TEMPLATE_ATTR_ACTION_URI, url).createInfoPage();
        }
        return Response.seeOther(URI.create(url)).build();
    }

    private LoginFormsProvider loginForms(AuthenticationRequest request) {
        return session.getProvider(LoginFormsProvider.class).setAuthenticationSession(request.getAuthenticationSession());
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
     * Who this sign-in is, by the provider's rules: the unionid when allowed and known (from WeChat, or
     * recorded on the user who earlier signed in with this AppID and openid), else the openid.
     */
    WeChatIdentity identify(RealmModel realm, WeChatApp app, WeChatAccessToken token, WeChatUserInfo profile) {
        WeChatIdentity identity = WeChatIdentity.of(app.appId(), token, profile);
        if (!getConfig().isUnionidBrokeredId()) {
            return identity.withoutUnionid();
        }
        if (identity.unionid() == null) {
            String known = knownUnionid(realm, identity);
            if (known != null) {
                return identity.withUnionid(known);
            }
        }
        return identity;
    }

    /** The unionid recorded on the one user who signed in with this AppID and openid before, if any. */
    private String knownUnionid(RealmModel realm, WeChatIdentity identity) {
        List<UserModel> users = session.users()
                .searchForUserByUserAttributeStream(realm, WeChatUserAttributes.OPENID, identity.appOpenid())
                .limit(2).toList();
        return users.size() == 1 ? users.get(0).getFirstAttribute(WeChatUserAttributes.UNIONID) : null;
    }

    /**
     * Whether this sign-in needs the WeChat profile. A person already linked gets nothing from it in
     * Keycloak's default "import" sync mode, so the {@code /sns/userinfo} round trip is skipped, unless
     * the provider forces updates or has mappers (which may read profile fields).
     */
    boolean needsProfile(boolean linked) {
        return !linked || getConfig().getSyncMode() == IdentityProviderSyncMode.FORCE
                || session.identityProviders().getMappersByAliasStream(getConfig().getAlias()).findAny().isPresent();
    }

    /** How a Keycloak user is linked to this person already, if at all. */
    enum Link {
        /** Linked by the brokered id. */
        BY_ID,
        /** Linked by the openid from before WeChat sent a unionid: Keycloak moves the link to the unionid. */
        BY_LEGACY_ID,
        NONE
    }

    Link link(RealmModel realm, WeChatIdentity identity) {
        if (isLinked(realm, identity.brokeredId())) {
            return Link.BY_ID;
        }
        return identity.legacyId() != null && isLinked(realm, identity.legacyId()) ? Link.BY_LEGACY_ID : Link.NONE;
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

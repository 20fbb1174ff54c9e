package io.github.keycloakwechat.broker;

import java.net.URI;

import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.apptoken.AppAccessTokens;
import io.github.keycloakwechat.api.WeChatAuthorizationUrls;
import io.github.keycloakwechat.broker.failure.UnexpectedFailure;
import io.github.keycloakwechat.follow.FollowQrPage;
import io.github.keycloakwechat.identity.WeChatIdentity;
import io.github.keycloakwechat.identity.WeChatPeople;
import io.github.keycloakwechat.identity.WeChatUserAttributes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.social.SocialIdentityProvider;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
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
        try {
            return sendToWeChat(request);
        } catch (WebApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not a bare "unexpected error" page of Keycloak's: ours names WeChat (also inside the embedded QR frame).
            return UnexpectedFailure.handle(session, request.getRealm(), getConfig().getAlias(), e, loginForms(request));
        }
    }

    private Response sendToWeChat(AuthenticationRequest request) {
        WeChatIdentityProviderConfig config = getConfig();
        String userAgent = request.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT);
        WeChatBrowser browser = WeChatBrowser.of(userAgent);
        boolean qrFrame = WeChatQrFrame.requested(request) || FollowQrPage.requested(request);
        if (qrFrame && (browser == WeChatBrowser.WECHAT || browser == WeChatBrowser.PHONE)) {
            // The theme only embeds on computers; a frame asked for anyway says what to do instead.
            return loginForms(request).setError(MESSAGE_PHONE_HINT).createErrorPage(Response.Status.OK);
        }
        if (browser == WeChatBrowser.WECHAT && !config.hasOfficialAccount()) {
            // A QR code cannot be scanned with the phone that shows it, and WeChat's QR page breaks there.
            return loginForms(request).setError(MESSAGE_OPEN_IN_BROWSER).createErrorPage(Response.Status.OK);
        }
        if (config.isFollowQr() && browser != WeChatBrowser.WECHAT
                && (FollowQrPage.requested(request) || !config.hasWebsiteApplication())) {
            // Framed on the login page by the theme; or, for a provider with the Official Account alone, as a page of
            // its own behind the button (no theme, or a phone), since there is no website QR code to go to.
            return new FollowQrPage(session, this).render(request, loginForms(request));
        }
        WeChatChannel channel = browser == WeChatBrowser.WECHAT ? WeChatChannel.OFFICIAL_ACCOUNT : WeChatChannel.WEBSITE;
        // WeChat takes at most 128 letters and digits; Keycloak's state stays here behind a handle.
        String handle = new WeChatStateStore(session).issue(request.getRealm(), config.getAlias(),
                request.getState().getEncoded(), channel);
        String url = channel == WeChatChannel.OFFICIAL_ACCOUNT
                ? WeChatAuthorizationUrls.officialAccount(config.getOpenBaseUrl(), config.getOfficialAccountAppId(),
                        request.getRedirectUri(), config.getOfficialAccountScope(), handle)
                : WeChatAuthorizationUrls.qrConnect(config.getOpenBaseUrl(), config.getClientId(),
                        request.getRedirectUri(), handle);
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
    public WeChatApiClient apiClient() {
        return new WeChatApiClient(session.getProvider(HttpClientProvider.class).getHttpClient(),
                JsonSerialization.mapper, getConfig().getApiBaseUrl(), getConfig().getTimeout());
    }

    /** The app access tokens of this provider's apps, for calls made with {@code api}. */
    public AppAccessTokens appTokens(WeChatApiClient api) {
        return new AppAccessTokens(session, api, getConfig().getTimeout());
    }

    /** Who a sign-in through this provider is: the rules every channel shares. */
    public WeChatPeople people(RealmModel realm) {
        return new WeChatPeople(session, realm, getConfig().getAlias(), getConfig().isUnionidBrokeredId());
    }

    /**
     * Whether this sign-in needs the WeChat profile. A person already linked gets nothing from it in
     * Keycloak's default "import" sync mode, so the {@code /sns/userinfo} round trip is skipped, unless
     * the provider forces updates or has a mapper that may read profile fields (not Keycloak's hardcoded ones).
     */
    public boolean needsProfile(boolean linked) {
        return !linked || getConfig().getSyncMode() == IdentityProviderSyncMode.FORCE
                || session.identityProviders().getMappersByAliasStream(getConfig().getAlias())
                        .anyMatch(WeChatUserAttributeMapper::readsProfile);
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

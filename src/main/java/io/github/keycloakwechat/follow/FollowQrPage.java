package io.github.keycloakwechat.follow;

import java.util.Optional;

import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.api.WeChatAuthorizationUrls;
import io.github.keycloakwechat.api.WeChatQrTicket;
import io.github.keycloakwechat.apptoken.AppAccessTokens;
import io.github.keycloakwechat.broker.AppSecrets;
import io.github.keycloakwechat.broker.WeChatApp;
import io.github.keycloakwechat.broker.WeChatChannel;
import io.github.keycloakwechat.broker.WeChatIdentityProvider;
import io.github.keycloakwechat.broker.WeChatIdentityProviderConfig;
import io.github.keycloakwechat.broker.WeChatStateStore;
import io.github.keycloakwechat.broker.failure.WeChatFailureLog;
import io.github.keycloakwechat.broker.failure.WeChatLoginFailure;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The page that the "wechat" login theme frames on the login page to show the Official Account's QR code (follow to
 * sign in, protocol §7.2): a temporary QR code of its own for this browser's sign-in, whose scene is a fresh random
 * value bound to the sign-in's state handle, and a script that asks Keycloak whether WeChat has pushed a scan of it.
 *
 * <p>When WeChat will not give a QR code (an errcode, a timeout, an unresolved secret), the frame says WeChat sign-in
 * is unavailable right now and the rest of the login page works as before; the admin gets an event.
 */
public final class FollowQrPage {

    /** Query parameter the theme adds to the broker login URL to ask for this page. */
    public static final String QUERY_PARAM = "wechat_follow_qr";
    /** The longest a temporary QR code may live at WeChat (30 days, §7.2). */
    static final long MAX_EXPIRE_SECONDS = 2_592_000;
    static final String TEMPLATE = "wechat-follow-frame.ftl";
    /** Event reason when the login page could not get a QR code from WeChat. */
    static final String REASON_UNAVAILABLE = "follow_qr_unavailable";

    private static final Logger LOG = Logger.getLogger(FollowQrPage.class);

    private final KeycloakSession session;
    private final WeChatIdentityProviderConfig config;
    private final WeChatApiClient api;
    private final AppAccessTokens appTokens;

    public FollowQrPage(KeycloakSession session, WeChatIdentityProvider provider) {
        this.session = session;
        this.config = provider.getConfig();
        this.api = provider.apiClient();
        this.appTokens = provider.appTokens(api);
    }

    public static boolean requested(AuthenticationRequest request) {
        return "1".equals(request.getUriInfo().getQueryParameters().getFirst(QUERY_PARAM));
    }

    public Response render(AuthenticationRequest request, LoginFormsProvider forms) {
        RealmModel realm = request.getRealm();
        String alias = config.getAlias();
        String handle = new WeChatStateStore(session).issue(realm, alias, request.getState().getEncoded(),
                WeChatChannel.FOLLOW);
        String scene = new FollowScenes(session).open(realm, alias, handle);
        long expireSeconds = Math.min(MAX_EXPIRE_SECONDS, WeChatStateStore.loginLifespan(realm));
        // Loading this page used up the action code of the login page's links; the page gets the current one.
        forms.setAttribute("wechatSessionCode", request.getState().getDecodedState());

        WeChatApp app = WeChatApp.of(config, WeChatChannel.FOLLOW);
        Optional<String> secret = AppSecrets.of(session, realm, alias, app);
        if (secret.isEmpty()) {
            return unavailable(realm, forms, WeChatLoginFailure.VAULT_SECRET_UNRESOLVED.reason(), null);
        }
        WeChatQrTicket ticket;
        try {
            ticket = appTokens.withToken(app.appId(), secret.get(),
                    token -> api.loginQrCode(token, scene, (int) expireSeconds));
        } catch (WeChatApiException e) {
            return unavailable(realm, forms, REASON_UNAVAILABLE, e);
        }
        String endpoint = request.getRedirectUri();
        return forms
                .setAttribute("wechatFollowImageUrl", WeChatAuthorizationUrls.qrCodeImage(config.getMpBaseUrl(),
                        ticket.ticket()))
                .setAttribute("wechatFollowImageOrigin", config.getMpOrigin())
                .setAttribute("wechatFollowStatusUrl", endpoint + "/follow/status?state=" + handle)
                .setAttribute("wechatFollowSignInUrl", endpoint + "/follow?state=" + handle)
                // WeChat may shorten the lifetime it was asked for: the page counts down what it said.
                .setAttribute("wechatFollowExpiresIn", String.valueOf(Math.min(expireSeconds, ticket.expireSeconds())))
                .createForm(TEMPLATE);
    }

    private Response unavailable(RealmModel realm, LoginFormsProvider forms, String reason, WeChatApiException cause) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(Details.REASON, reason);
        if (cause != null) {
            WeChatFailureLog.callFailed(event, realm.getName(), config.getAlias(), cause);
        } else {
            LOG.warnf("WeChat provider %s in realm %s: no QR code for the login page: %s", config.getAlias(),
                    realm.getName(), reason);
        }
        event.error(Errors.IDENTITY_PROVIDER_ERROR);
        return forms.setAttribute("wechatFollowUnavailable", true).createForm(TEMPLATE);
    }
}

package io.github.keycloakwechat.broker;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.keycloakwechat.api.WeChatAccessToken;
import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.api.WeChatSubscriber;
import io.github.keycloakwechat.api.WeChatUserInfo;
import io.github.keycloakwechat.broker.failure.UnexpectedFailure;
import io.github.keycloakwechat.broker.failure.WeChatFailureLog;
import io.github.keycloakwechat.broker.failure.WeChatLoginFailure;
import io.github.keycloakwechat.follow.FollowScenes;
import io.github.keycloakwechat.follow.WeChatMessageEndpoint;
import io.github.keycloakwechat.identity.WeChatIdentity;
import io.github.keycloakwechat.identity.WeChatPeople;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Receives WeChat's redirect ({@code /realms/R/broker/ALIAS/endpoint?code=…&state=…}) and turns it into
 * a Keycloak sign-in, or into a readable message and an event when it cannot.
 *
 * <p>Identity comes only from WeChat's server-to-server answers; any other query parameter is ignored.
 */
public class WeChatCallbackEndpoint {

    /** Event detail carrying WeChat's errcode, for admins searching the event log. */
    public static final String DETAIL_ERRCODE = "wechat_errcode";
    /** Event detail naming the WeChat endpoint that failed. */
    public static final String DETAIL_ENDPOINT = "wechat_endpoint";
    /** WeChat codes are about 32 characters; anything this long is not one, and is not sent on. */
    public static final int MAX_CODE_LENGTH = 512;

    private static final Logger LOG = Logger.getLogger(WeChatCallbackEndpoint.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WeChatIdentityProvider provider;
    private final AuthenticationCallback callback;
    private final EventBuilder event;
    private final WeChatStateStore states;

    WeChatCallbackEndpoint(KeycloakSession session, RealmModel realm, WeChatIdentityProvider provider,
                           AuthenticationCallback callback, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.callback = callback;
        this.event = event;
        this.states = new WeChatStateStore(session);
    }

    /** The Official Account's message endpoint, for WeChat's pushes (follow-to-sign-in). */
    @Path("messages")
    public WeChatMessageEndpoint messages() {
        return new WeChatMessageEndpoint(session, realm, provider.getConfig(), event);
    }

    @GET
    public Response authResponse(@QueryParam("state") String handle, @QueryParam("code") String code) {
        return guarded(() -> complete(handle, false, code));
    }

    /** The follow QR page's question: has WeChat pushed a scan of this sign-in's QR code yet? */
    @GET
    @Path("follow/status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response followStatus(@QueryParam("state") String handle) {
        String status = new FollowScenes(session).status(realm, provider.getConfig().getAlias(), handle, states);
        // Asked once a second: no cache may answer in Keycloak's place.
        return Response.ok(Map.of("status", status)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** Where the follow QR page sends the browser once its QR code was scanned: the sign-in of whoever scanned it. */
    @GET
    @Path("follow")
    public Response followed(@QueryParam("state") String handle) {
        return guarded(() -> complete(handle, true, null));
    }

    private Response guarded(Supplier<Response> signIn) {
        try {
            return signIn.get();
        } catch (WebApplicationException e) {
            // Keycloak's own answers (its error pages included) pass through as Keycloak built them.
            return e.getResponse();
        } catch (RuntimeException e) {
            return UnexpectedFailure.handle(session, realm, provider.getConfig().getAlias(), e,
                    session.getProvider(LoginFormsProvider.class));
        }
    }

    /**
     * Finishes the sign-in behind {@code handle}: with WeChat's {@code code} for the redirect flows, or with the
     * verified push of a scan for the follow QR code ({@code follow}).
     */
    private Response complete(String handle, boolean follow, String code) {
        WeChatIdentityProviderConfig config = provider.getConfig();
        WeChatStateStore.Issued issued = states.find(realm, config.getAlias(), handle);
        if (issued == null || issued.failed() || follow != (issued.channel() == WeChatChannel.FOLLOW)) {
            // Unknown, expired or tampered: there is no login to return to. Or the repeat of a callback whose
            // attempt failed (the error page reloaded): Keycloak would answer "page has expired". Or a handle of
            // one kind of sign-in brought to the other's endpoint.
            return errorPage(WeChatLoginFailure.STATE_INVALID, Response.Status.BAD_REQUEST);
        }

        AuthenticationSessionModel authSession;
        try {
            authSession = callback.getAndVerifyAuthenticationSession(issued.brokerState());
        } catch (WebApplicationException e) {
            return noLoginToContinue(e);
        }
        session.getContext().setAuthenticationSession(authSession);
        if (!states.claim(realm, handle)) {
            // WeChat (or the browser) repeated a callback that is still being handled.
            return errorPage(WeChatLoginFailure.STATE_INVALID, Response.Status.BAD_REQUEST);
        }

        String scannedBy = follow ? new FollowScenes(session).scannedBy(realm, handle) : null;
        if (follow && scannedBy == null) {
            // Nobody scanned this page's code: the browser came here by itself. Back to a login page with a new one.
            return loginFailed(authSession, handle, WeChatLoginFailure.FOLLOW_NOT_SCANNED, null);
        }
        if (!follow && (code == null || code.isEmpty())) {
            // WeChat's way of saying the person declined: state and no code.
            states.markFailed(realm, handle);
            newEvent(authSession).detail(Details.REASON, "declined").error(Errors.REJECTED_BY_USER);
            return callback.cancelled(config);
        }
        if (!follow && code.length() > MAX_CODE_LENGTH) {
            return loginFailed(authSession, handle, WeChatLoginFailure.CODE_INVALID, null);
        }

        WeChatApp app = WeChatApp.of(config, issued.channel());
        Optional<String> secret = AppSecrets.of(session, realm, config.getAlias(), app);
        if (secret.isEmpty()) {
            return loginFailed(authSession, handle, WeChatLoginFailure.VAULT_SECRET_UNRESOLVED, null);
        }

        try {
            WeChatApiClient api = provider.apiClient();
            WeChatPeople people = provider.people(realm);
            WeChatAccessToken token = null;
            WeChatIdentity identity;
            if (follow) {
                // The openid comes only from WeChat's verified push; the unionid from user/info (protocol §7.4).
                WeChatSubscriber subscriber = provider.appTokens(api)
                        .withToken(app.appId(), secret.get(), appToken -> api.subscriber(appToken, scannedBy));
                identity = people.identify(app.appId(), scannedBy, subscriber.unionid());
            } else {
                token = api.exchangeCode(app.appId(), secret.get(), code);
                if (token.snapshotUser()) {
                    // A throwaway identity of WeChat's snapshot page: never create or link a user for it.
                    return loginFailed(authSession, handle, WeChatLoginFailure.SNAPSHOT_USER, null);
                }
                identity = people.identify(app.appId(), token, null);
            }
            WeChatPeople.Link link = people.link(identity);
            boolean linked = link != WeChatPeople.Link.NONE;
            WeChatUserInfo profile = null;
            if (app.profileAvailable() && provider.needsProfile(linked)) {
                profile = api.userInfo(token.accessToken(), token.openid());
                identity = people.identify(app.appId(), token, profile);
            }
            // Marked only once WeChat has answered everything: a failed attempt holds nobody off.
            if (!linked && !states.startFirstLogin(realm, config.getAlias(), identity.brokeredId(),
                    authSession.getParentSession().getId())) {
                // The same person is creating their account in another browser right now.
                return loginFailed(authSession, handle, WeChatLoginFailure.FIRST_LOGIN_IN_PROGRESS, null);
            }
            LOG.debugf("WeChat sign-in for realm %s: channel=%s app=%s openid=%s unionid=%s profile=%s",
                    realm.getName(), issued.channel(), app.appId(), identity.openid(), identity.unionid(),
                    identity.hasProfile());

            BrokeredIdentityContext context = new BrokeredIdentityContext(identity.brokeredId(), config);
            people.describe(identity, link, config.getUsernameTemplate(), context);
            WeChatUserAttributeMapper.storeProfile(context, identity, profile, config.getAlias());
            context.setIdp(provider);
            context.setAuthenticationSession(authSession);
            if (token != null) {
                context.getContextData().put(UserAuthenticationIdentityProvider.FEDERATED_ACCESS_TOKEN,
                        token.accessToken());
                if (Boolean.TRUE.equals(config.isStoreToken())) {
                    context.setToken(token.rawJson());
                }
            }
            return callback.authenticated(context);
        } catch (WeChatApiException e) {
            return loginFailed(authSession, handle, WeChatLoginFailure.of(e), e);
        }
    }

    /**
     * Keycloak's answer when the state leads to no login it can continue. When this browser has no login session
     * (Keycloak's event says {@code cookie_not_found}), WeChat's redirect was opened in another browser, or this one
     * dropped Keycloak's cookies: we say so, naming WeChat. Every other answer is Keycloak's own and accurate: the
     * login timed out (back to the login page), it finished already ("already logged in"), the application was
     * disabled meanwhile ("login requester not enabled"), and so on.
     */
    private Response noLoginToContinue(WebApplicationException keycloaks) {
        if (Errors.COOKIE_NOT_FOUND.equals(event.getEvent().getError())) {
            return errorPage(WeChatLoginFailure.LOGIN_SESSION_NOT_FOUND, Response.Status.BAD_REQUEST);
        }
        return keycloaks.getResponse();
    }

    /** Back to the login page with our message; the person can try again from there (with a new handle). */
    private Response loginFailed(AuthenticationSessionModel authSession, String handle, WeChatLoginFailure failure,
                                 WeChatApiException cause) {
        states.markFailed(realm, handle);
        recordFailure(newEvent(authSession), failure, cause);
        return callback.error(provider.getConfig(), failure.messageKey());
    }

    private Response errorPage(WeChatLoginFailure failure, Response.Status status) {
        recordFailure(event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, provider.getConfig().getAlias()), failure, null);
        return session.getProvider(LoginFormsProvider.class).setError(failure.messageKey()).createErrorPage(status);
    }

    private void recordFailure(EventBuilder failureEvent, WeChatLoginFailure failure, WeChatApiException cause) {
        failureEvent.detail(Details.REASON, failure.reason());
        if (cause != null) {
            WeChatFailureLog.callFailed(failureEvent, realm.getName(), provider.getConfig().getAlias(), cause);
        } else {
            LOG.debugf("WeChat sign-in refused in realm %s: %s", realm.getName(), failure.reason());
        }
        failureEvent.error(Errors.IDENTITY_PROVIDER_LOGIN_FAILURE);
    }

    private EventBuilder newEvent(AuthenticationSessionModel authSession) {
        // A clone: the broker keeps using its own builder for the events it sends later.
        return event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN)
                .client(authSession.getClient())
                .detail(Details.IDENTITY_PROVIDER, provider.getConfig().getAlias());
    }
}

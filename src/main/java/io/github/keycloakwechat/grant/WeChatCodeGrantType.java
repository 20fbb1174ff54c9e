package io.github.keycloakwechat.grant;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;

import io.github.keycloakwechat.api.WeChatAccessToken;
import io.github.keycloakwechat.api.WeChatApiClient;
import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.api.WeChatMiniProgramSession;
import io.github.keycloakwechat.api.WeChatPhoneNumber;
import io.github.keycloakwechat.api.WeChatUserInfo;
import io.github.keycloakwechat.broker.AppSecrets;
import io.github.keycloakwechat.broker.WeChatApp;
import io.github.keycloakwechat.broker.WeChatChannel;
import io.github.keycloakwechat.broker.WeChatIdentityProvider;
import io.github.keycloakwechat.broker.failure.WeChatFailureLog;
import io.github.keycloakwechat.identity.WeChatIdentity;
import io.github.keycloakwechat.identity.WeChatPeople;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The WeChat code grant: a mini program's {@code wx.login()} code, or a native app's WeChat SDK code, becomes
 * Keycloak's ordinary token response for the person's Keycloak user, the same user as on the website.
 *
 * <p>One request: check the client and the app, ask WeChat who the code belongs to (and the phone number, when a
 * {@code phone_code} comes along), then find or create the user and issue tokens. Nothing is written before WeChat has
 * answered everything, so a failure leaves no half-made user behind; every failure is an OAuth error with a readable
 * description and a {@code LOGIN_ERROR} event carrying WeChat's errcode.
 */
public class WeChatCodeGrantType extends OAuth2GrantTypeBase {

    /** Event detail: which kind of WeChat app the code came from ({@code mini_program}, {@code mobile_app}). */
    public static final String DETAIL_CHANNEL = "wechat_channel";
    private static final Logger LOG = Logger.getLogger(WeChatCodeGrantType.class);

    private final ProviderMapperCache mapperCache;
    /** The provider's alias, once the request named a usable provider. */
    private String alias;

    WeChatCodeGrantType(ProviderMapperCache mapperCache) {
        this.mapperCache = mapperCache;
    }

    @Override
    public Response process(Context context) {
        setContext(context);
        event.detail(Details.AUTH_METHOD, "wechat_code");
        try {
            return signIn();
        } catch (CodeGrantException e) {
            throw refused(e);
        } catch (WebApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not WeChat's and not the request's: a bug or this server's store. One stack trace, a JSON answer.
            LOG.errorf(e, "WeChat code grant failed unexpectedly in realm %s", realm.getName());
            session.getTransactionManager().setRollbackOnly();
            event.detail(Details.REASON, "unexpected_error").error(Errors.IDENTITY_PROVIDER_LOGIN_FAILURE);
            throw new CorsErrorResponseException(cors, "server_error", "The WeChat sign-in failed on the server;"
                    + " try again", Response.Status.INTERNAL_SERVER_ERROR);
        }
    }

    private Response signIn() throws CodeGrantException {
        CodeGrantRequest request = CodeGrantRequest.read(session, client, formParams);
        WeChatIdentityProvider provider = request.provider();
        WeChatApp app = request.app();
        alias = provider.getConfig().getAlias();
        event.detail(Details.IDENTITY_PROVIDER, alias)
                .detail(DETAIL_CHANNEL, app.channel().name().toLowerCase(Locale.ROOT));
        String scope = getRequestedScopes();
        String secret = AppSecrets.of(session, realm, alias, app).orElseThrow(() -> new CodeGrantException(
                "temporarily_unavailable", "The WeChat provider's AppSecret for this app cannot be read on the server;"
                + " an administrator must check it", Response.Status.SERVICE_UNAVAILABLE, "vault_secret_unresolved"));

        WeChatApiClient api = provider.apiClient();
        WeChatPeople people = provider.people(realm);
        WeChatIdentity identity;
        WeChatUserInfo profile = null;
        try {
            if (app.channel() == WeChatChannel.MINI_PROGRAM) {
                WeChatMiniProgramSession signedIn = api.miniProgramSession(app.appId(), secret, request.code());
                identity = people.identify(app.appId(), signedIn.openid(), signedIn.unionid());
            } else {
                WeChatAccessToken token = api.exchangeCode(app.appId(), secret, request.code());
                identity = people.identify(app.appId(), token, null);
                if (provider.needsProfile(people.link(identity) != WeChatPeople.Link.NONE)) {
                    profile = api.userInfo(token.accessToken(), token.openid());
                    identity = people.identify(app.appId(), token, profile);
                }
            }
        } catch (WeChatApiException e) {
            throw CodeGrantFailures.of(e, "code");
        }
        WeChatPhoneNumber phone = request.phoneCode() == null ? null
                : new PhoneNumbers(api, provider.appTokens(api))
                        .fetch(app.appId(), secret, request.phoneCode());

        // WeChat has answered everything: from here on, writes.
        CodeGrantUsers.Found found = new CodeGrantUsers(session, realm, provider, mapperCache)
                .find(identity, profile, provider.getConfig().isCodeGrantCreatingUsers());
        UserModel user = found.user();
        event.user(user).detail(Details.USERNAME, user.getUsername())
                .detail(Details.IDENTITY_PROVIDER_USERNAME, identity.username());
        if (!user.isEnabled()) {
            throw new CodeGrantException("invalid_grant", "This account is disabled", Response.Status.BAD_REQUEST,
                    "user_disabled");
        }
        if (phone != null) {
            PhoneNumbers.store(user, phone);
        }
        if (found.created()) {
            event.clone().event(EventType.REGISTER).detail(Details.REGISTER_METHOD, "wechat_code_grant").success();
        }
        return tokens(user, identity, scope);
    }

    private Response tokens(UserModel user, WeChatIdentity identity, String scope) {
        AuthenticationSessionModel authSession = new AuthenticationSessionManager(session)
                .createAuthenticationSession(realm, false).createAuthenticationSession(client);
        authSession.setAuthenticatedUser(user);
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setClientNote(OIDCLoginProtocol.ISSUER,
                Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, scope);

        // As Keycloak's broker records a brokered sign-in: the provider and the person's id there.
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(
                authSession.getParentSession().getId(), realm, user, user.getUsername(),
                clientConnection.getRemoteHost(), OIDCLoginProtocol.LOGIN_PROTOCOL, false, null,
                alias + "." + identity.brokeredId(), UserSessionModel.SessionPersistenceState.PERSISTENT);
        userSession.setNote(Details.IDENTITY_PROVIDER, alias);
        userSession.setNote(Details.IDENTITY_PROVIDER_USERNAME, identity.username());
        event.session(userSession);

        // The client's session, created with the user session: Keycloak's attachAuthenticationSession would first
        // look for one in the database (persistent sessions), which for a session made a moment ago finds nothing.
        session.sessions().createClientSession(realm, client, userSession);
        AuthenticationManager.setClientScopesInSession(session, authSession);
        ClientSessionContext clientSessionCtx = TokenManager.attachAuthenticationSession(session, userSession,
                authSession);
        updateUserSessionFromClientAuth(userSession);
        return createTokenResponse(user, userSession, clientSessionCtx, scope, false, null);
    }

    /** The OAuth error for the app, after the event that records it. */
    private CorsErrorResponseException refused(CodeGrantException e) {
        event.detail(Details.REASON, e.reason());
        WeChatApiException cause = e.wechatCause();
        if (cause != null) {
            // WeChat answered, so the provider is known: the same log line and event details as in the browser.
            WeChatFailureLog.callFailed(event, realm.getName(), alias, cause);
        } else {
            LOG.debugf("WeChat code grant refused in realm %s: %s", realm.getName(), e.reason());
        }
        event.error(eventError(e));
        return new CorsErrorResponseException(cors, e.error(), e.description(), e.status());
    }

    private static String eventError(CodeGrantException e) {
        if (e.wechatCause() != null) {
            return Errors.IDENTITY_PROVIDER_LOGIN_FAILURE;
        }
        return switch (e.reason()) {
            case "client_not_allowed" -> Errors.NOT_ALLOWED;
            case "user_not_found" -> Errors.USER_NOT_FOUND;
            case "user_disabled" -> Errors.USER_DISABLED;
            case "invalid_request" -> Errors.INVALID_REQUEST;
            default -> Errors.IDENTITY_PROVIDER_LOGIN_FAILURE;
        };
    }

    @Override
    public EventType getEventType() {
        return EventType.LOGIN;
    }

    /** Keycloak 26.7's; the code and phone code are short, not tokens with their own length limits. */
    public Set<String> getTokenParameterNames() {
        return Collections.emptySet();
    }
}

package io.github.keycloakwechat.broker.failure;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A failure of a WeChat sign-in that is not WeChat's: a database or cache error, a bad stored value, a bug. The
 * person reads our page naming WeChat instead of a bare server error, nothing the request changed is kept, and the
 * admin finds the stack trace (once) in the log and an event with the reason {@code unexpected_error}.
 */
public final class UnexpectedFailure {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailure.class);

    private UnexpectedFailure() {
    }

    public static Response handle(KeycloakSession session, RealmModel realm, String alias, RuntimeException e,
                           LoginFormsProvider forms) {
        LOG.errorf(e, "Unexpected error in a WeChat sign-in in realm %s (provider %s)", realm.getName(), alias);
        session.getTransactionManager().setRollbackOnly();
        // The event in a transaction of its own: this request's is rolled back.
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), eventSession -> {
                RealmModel eventRealm = eventSession.realms().getRealm(realm.getId());
                eventSession.getContext().setRealm(eventRealm);
                new EventBuilder(eventRealm, eventSession, session.getContext().getConnection())
                        .event(EventType.IDENTITY_PROVIDER_LOGIN)
                        .detail(Details.IDENTITY_PROVIDER, alias)
                        .detail(Details.REASON, WeChatLoginFailure.UNEXPECTED.reason())
                        .error(Errors.IDENTITY_PROVIDER_LOGIN_FAILURE);
            });
        } catch (RuntimeException eventFailed) {
            LOG.warnf("Could not record the event of that failure: %s", eventFailed.toString());
        }
        return forms.setError(WeChatLoginFailure.UNEXPECTED.messageKey())
                .createErrorPage(Response.Status.INTERNAL_SERVER_ERROR);
    }
}

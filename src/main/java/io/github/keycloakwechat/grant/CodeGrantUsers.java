package io.github.keycloakwechat.grant;

import io.github.keycloakwechat.api.WeChatUserInfo;
import io.github.keycloakwechat.broker.WeChatIdentityProvider;
import io.github.keycloakwechat.broker.WeChatUserAttributeMapper;
import io.github.keycloakwechat.identity.WeChatIdentity;
import io.github.keycloakwechat.identity.WeChatPeople;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The Keycloak user a code-grant sign-in is: the one linked to the person (updated as the broker updates returning
 * people), or a new one, created as the broker's first login would create it (username from the provider's
 * template, first name from the nickname where the user profile accepts it, the WeChat ids, the mappers), without
 * inventing what the realm requires and WeChat does not give (e-mail): Keycloak asks for that at the person's next
 * browser sign-in.
 *
 * <p>Two first requests of one person at the same moment, on any nodes, create one user: the first holds a
 * cluster-wide marker until its transaction has ended, and the other waits for it and then finds the user.
 */
final class CodeGrantUsers {

    /** The user, and whether this request created it. */
    record Found(UserModel user, boolean created) {
    }

    /** Far longer than creating a user takes; a marker left by a crashed node frees itself after this. */
    static final long SIGN_UP_MARKER_SECONDS = 30;
    private static final long WAIT_MILLIS = 25;
    private static final String SIGN_UP_PREFIX = "wechat-code-grant-sign-up.";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WeChatIdentityProvider provider;
    private final WeChatPeople people;
    private final ProviderMappers mappers;

    CodeGrantUsers(KeycloakSession session, RealmModel realm, WeChatIdentityProvider provider,
                   ProviderMapperCache mapperCache) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.people = provider.people(realm);
        this.mappers = new ProviderMappers(session, realm, provider.getConfig().getAlias(), mapperCache);
    }

    Found find(WeChatIdentity identity, WeChatUserInfo profile, boolean mayCreate) throws CodeGrantException {
        String marker = SIGN_UP_PREFIX + realm.getId() + "." + provider.getConfig().getAlias() + "."
                + identity.brokeredId();
        long deadline = System.nanoTime() + SIGN_UP_MARKER_SECONDS * 1_000_000_000L;
        while (true) {
            WeChatPeople.Link link = people.link(identity);
            if (link != WeChatPeople.Link.NONE) {
                return returning(identity, link, profile);
            }
            if (!mayCreate) {
                throw new CodeGrantException("invalid_grant", "This WeChat user has no account yet, and the WeChat"
                        + " provider '" + provider.getConfig().getAlias() + "' does not create accounts here: send"
                        + " the person through the browser sign-in first", Response.Status.BAD_REQUEST,
                        "user_not_found");
            }
            if (session.singleUseObjects().putIfAbsent(marker, SIGN_UP_MARKER_SECONDS)) {
                releaseAfterTransaction(marker);
                // A request that ended between our look and the marker may have made the user: look once more.
                link = people.link(identity);
                return link != WeChatPeople.Link.NONE ? returning(identity, link, profile)
                        : new Found(create(identity, profile), true);
            }
            // Another request is creating this person's user: wait for its transaction to end, then look again.
            do {
                pause(deadline);
            } while (session.singleUseObjects().contains(marker));
        }
    }

    private Found returning(WeChatIdentity identity, WeChatPeople.Link link, WeChatUserInfo profile) {
        UserModel user = people.linkedUser(identity, link);
        BrokeredIdentityContext context = context(identity, link, profile);
        provider.updateBrokeredUser(session, realm, user, context);
        mappers.returningUser(user, context);
        return new Found(user, false);
    }

    private UserModel create(WeChatIdentity identity, WeChatUserInfo profile) {
        BrokeredIdentityContext context = context(identity, WeChatPeople.Link.NONE, profile);
        mappers.beforeNewUser(context);
        UserModel user = session.users().addUser(realm, context.getModelUsername());
        user.setEnabled(true);
        if (context.getFirstName() != null) {
            user.setFirstName(context.getFirstName());
        }
        people.linkNewUser(user, identity);
        provider.importNewUser(session, realm, user, context);
        mappers.newUser(user, context);
        return user;
    }

    private BrokeredIdentityContext context(WeChatIdentity identity, WeChatPeople.Link link, WeChatUserInfo profile) {
        BrokeredIdentityContext context = new BrokeredIdentityContext(identity.brokeredId(), provider.getConfig());
        people.describe(identity, link, provider.getConfig().getUsernameTemplate(), context);
        WeChatUserAttributeMapper.storeProfile(context, identity, profile, provider.getConfig().getAlias());
        context.setIdp(provider);
        return context;
    }

    /** The marker goes once this request's transaction has committed or rolled back, not before. */
    private void releaseAfterTransaction(String marker) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.singleUseObjects().remove(marker);
            }

            @Override
            protected void rollbackImpl() {
                session.singleUseObjects().remove(marker);
            }
        });
    }

    private static void pause(long deadline) throws CodeGrantException {
        if (System.nanoTime() - deadline > 0) {
            throw new CodeGrantException("temporarily_unavailable", "Another request is creating this WeChat user's"
                    + " account; try again", Response.Status.SERVICE_UNAVAILABLE, "sign_up_in_progress");
        }
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodeGrantException("temporarily_unavailable", "Interrupted", Response.Status.SERVICE_UNAVAILABLE,
                    "interrupted");
        }
    }
}

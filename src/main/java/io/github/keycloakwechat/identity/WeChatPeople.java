package io.github.keycloakwechat.identity;

import java.util.List;

import io.github.keycloakwechat.api.WeChatAccessToken;
import io.github.keycloakwechat.api.WeChatUserInfo;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Who a WeChat sign-in is, in one place for every channel (website QR code, Official Account, and those to come):
 * which id the person is known by, which Keycloak user holds it already, and what a new person's account starts with.
 */
public final class WeChatPeople {

    /** How a Keycloak user is linked to this person already, if at all. */
    public enum Link {
        /** Linked by the brokered id. */
        BY_ID,
        /** Linked by the openid from before WeChat sent a unionid: Keycloak moves the link to the unionid. */
        BY_LEGACY_ID,
        NONE
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String alias;
    private final boolean unionidAllowed;

    /**
     * @param alias the identity provider's alias, which Keycloak's links name
     * @param unionidAllowed whether the unionid may identify people (else always the openid of the app)
     */
    public WeChatPeople(KeycloakSession session, RealmModel realm, String alias, boolean unionidAllowed) {
        this.session = session;
        this.realm = realm;
        this.alias = alias;
        this.unionidAllowed = unionidAllowed;
    }

    /**
     * Who this sign-in is, by the provider's rules: the unionid when allowed and known (from WeChat, or recorded on
     * the user who earlier signed in with this AppID and openid), else the openid.
     */
    public WeChatIdentity identify(String appId, WeChatAccessToken token, WeChatUserInfo profile) {
        return identify(WeChatIdentity.of(appId, token, profile));
    }

    /** The same for a sign-in WeChat answered with ids only (a mini program's {@code jscode2session}). */
    public WeChatIdentity identify(String appId, String openid, String unionid) {
        return identify(WeChatIdentity.of(appId, openid, unionid, null));
    }

    private WeChatIdentity identify(WeChatIdentity identity) {
        if (!unionidAllowed) {
            return identity.withoutUnionid();
        }
        if (identity.unionid() == null) {
            String known = knownUnionid(identity);
            if (known != null) {
                return identity.withUnionid(known);
            }
        }
        return identity;
    }

    public Link link(WeChatIdentity identity) {
        if (isLinked(identity.brokeredId())) {
            return Link.BY_ID;
        }
        return identity.legacyId() != null && isLinked(identity.legacyId()) ? Link.BY_LEGACY_ID : Link.NONE;
    }

    /**
     * Hands the person to Keycloak's broker. A person without a user gets a username from {@code usernameTemplate}
     * (see {@link NewUsernames}) and their nickname as first name, each as far as the realm's user profile accepts it,
     * so that the review-profile form opens with values Keycloak will take.
     */
    public void describe(WeChatIdentity identity, Link link, String usernameTemplate, BrokeredIdentityContext context) {
        identity.writeTo(context, link == Link.BY_LEGACY_ID);
        if (link != Link.NONE) {
            return;
        }
        ProfileValues values = new ProfileValues(session);
        String username = new NewUsernames(session, realm, values).choose(identity, usernameTemplate);
        context.setUsername(username);
        context.setModelUsername(username);
        String firstName = values.accepted(UserModel.FIRST_NAME, identity.nickname());
        if (!firstName.isEmpty()) {
            context.setFirstName(firstName);
        }
    }

    /**
     * The user this person is, for channels that sign in without Keycloak's broker (the code grant): the user linked
     * by the brokered id, or by the openid from before WeChat sent a unionid, in which case the link moves to the
     * unionid as Keycloak's broker moves it; {@code null} for a person without a user.
     */
    public UserModel linkedUser(WeChatIdentity identity, Link link) {
        return switch (link) {
            case BY_ID -> linkedBy(identity.brokeredId());
            case BY_LEGACY_ID -> {
                UserModel user = linkedBy(identity.legacyId());
                session.users().removeFederatedIdentity(realm, user, alias);
                session.users().addFederatedIdentity(realm, user, federatedIdentity(identity));
                yield user;
            }
            case NONE -> null;
        };
    }

    /** Links a user created for this person outside Keycloak's broker, as the broker links the ones it creates. */
    public void linkNewUser(UserModel user, WeChatIdentity identity) {
        session.users().addFederatedIdentity(realm, user, federatedIdentity(identity));
    }

    private FederatedIdentityModel federatedIdentity(WeChatIdentity identity) {
        return new FederatedIdentityModel(alias, identity.brokeredId(), identity.username());
    }

    /**
     * The unionid recorded on the one user who signed in with this AppID and openid before, if any. Usually that is
     * the user linked by this openid, which Keycloak's user cache answers; only a person linked otherwise (by the
     * unionid, signing in where WeChat sends none) needs the search through the users' recorded openids.
     */
    private String knownUnionid(WeChatIdentity identity) {
        UserModel linked = linkedBy(identity.brokeredId());
        if (linked != null) {
            return linked.getFirstAttribute(WeChatUserAttributes.UNIONID);
        }
        List<UserModel> users = session.users()
                .searchForUserByUserAttributeStream(realm, WeChatUserAttributes.OPENID, identity.appOpenid())
                .limit(2).toList();
        return users.size() == 1 ? users.get(0).getFirstAttribute(WeChatUserAttributes.UNIONID) : null;
    }

    private boolean isLinked(String federatedId) {
        return linkedBy(federatedId) != null;
    }

    private UserModel linkedBy(String federatedId) {
        return session.users().getUserByFederatedIdentity(realm, new FederatedIdentityModel(alias, federatedId, null));
    }
}

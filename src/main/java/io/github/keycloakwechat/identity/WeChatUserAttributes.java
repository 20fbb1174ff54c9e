package io.github.keycloakwechat.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.representations.userprofile.config.UPGroup;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Keeps what WeChat told us about a person on their Keycloak user: the unionid, every
 * {@code AppID:openid} pair seen, the nickname and the avatar URL.
 *
 * <p>Keycloak 24+ shows admins only the attributes its user profile declares, so the attributes are declared in the
 * realm's user profile (group "wechat", admins may view and edit, users may not) when an admin saves a WeChat
 * provider, never during a sign-in: Keycloak rewrites the whole user-profile configuration on every change, and
 * while it does, concurrent sign-ins of that realm can read Keycloak's default profile instead of the admin's (a
 * clean-clone CI run caught first sign-ins stopping at "verify profile" that way). Attributes an admin declared
 * already are left as they are. A user's attributes are stored whether or not they are declared.
 */
public class WeChatUserAttributes {

    public static final String UNIONID = "wechat_unionid";
    /** Multivalued: one {@code AppID:openid} per WeChat app the person signed in through. */
    public static final String OPENID = "wechat_openid";
    public static final String NICKNAME = "wechat_nickname";
    public static final String AVATAR = "wechat_avatar";
    static final String GROUP = "wechat";

    private static final Logger LOG = Logger.getLogger(WeChatUserAttributes.class);
    private static final Map<String, String> DISPLAY_NAMES = new LinkedHashMap<>();
    static {
        DISPLAY_NAMES.put(UNIONID, "WeChat unionid");
        DISPLAY_NAMES.put(OPENID, "WeChat openids (AppID:openid)");
        DISPLAY_NAMES.put(NICKNAME, "WeChat nickname");
        DISPLAY_NAMES.put(AVATAR, "WeChat avatar URL");
    }
    /** Session attribute: the realms whose declaration this transaction does already. */
    private static final String DECLARING = WeChatUserAttributes.class.getName() + ".declaring";
    /** Realms already warned about (in this JVM) that the attributes are not declared: one log line, not one a user. */
    private static final Set<String> WARNED_UNDECLARED = ConcurrentHashMap.newKeySet();

    private final KeycloakSession session;

    public WeChatUserAttributes(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Records the identity on the user. The ids are always kept up to date; nickname and avatar only
     * when {@code updateProfile} (a new user, or the provider's sync mode is "force").
     */
    public void record(UserModel user, WeChatIdentity identity, boolean updateProfile) {
        boolean changed = false;
        if (identity.unionid() != null) {
            changed |= setIfChanged(user, UNIONID, identity.unionid());
        }
        List<String> openids = user.getAttributeStream(OPENID).toList();
        if (!openids.contains(identity.appOpenid())) {
            List<String> updated = new ArrayList<>(openids);
            updated.add(identity.appOpenid());
            user.setAttribute(OPENID, updated);
            changed = true;
        }
        if (updateProfile && identity.hasProfile()) {
            changed |= setIfChanged(user, NICKNAME, identity.nickname());
            changed |= setIfChanged(user, AVATAR, identity.avatarUrl());
        }
        if (changed) {
            warnIfUndeclared(session.getContext().getRealm());
        }
    }

    private static boolean setIfChanged(UserModel user, String name, String value) {
        if (Objects.equals(value, user.getFirstAttribute(name))) {
            return false;
        }
        if (value == null || value.isEmpty()) {
            user.removeAttribute(name);
        } else {
            user.setSingleAttribute(name, value);
        }
        return true;
    }

    /** Read only: a sign-in never writes the user profile (see the class comment). */
    private void warnIfUndeclared(RealmModel realm) {
        if (realm == null || WARNED_UNDECLARED.contains(realm.getId())) {
            return;
        }
        List<String> missing = missing(session.getProvider(UserProfileProvider.class).getConfiguration());
        if (!missing.isEmpty() && WARNED_UNDECLARED.add(realm.getId())) {
            LOG.warnf("Realm %s: the WeChat attributes %s are not declared in its user profile, so admins do not see them"
                    + " (they are stored all the same). Save the WeChat identity provider once to declare them.",
                    realm.getName(), missing);
        }
    }

    /**
     * Declares the attributes in the realm's user profile when the transaction that saves a WeChat provider commits
     * (admin console or REST, realm import, partial import). Deferred to the commit's first phase so that it runs after
     * the whole save: a realm import creates the realm's user-profile component after its identity providers.
     */
    public static void declareWhenSaved(KeycloakSession session, RealmModel realm) {
        if (session == null || realm == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> declaring = (Set<String>) session.getAttribute(DECLARING);
        if (declaring == null) {
            declaring = new HashSet<>();
            session.setAttribute(DECLARING, declaring);
        }
        if (!declaring.add(realm.getId())) {
            return;
        }
        String realmId = realm.getId();
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                declare(session, session.realms().getRealm(realmId));
            }

            @Override
            protected void rollbackImpl() {
                // nothing was written
            }
        });
    }

    private static void declare(KeycloakSession session, RealmModel realm) {
        if (realm == null) {
            return;
        }
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
            UPConfig config = profiles.getConfiguration();
            List<String> missing = missing(config);
            if (missing.isEmpty()) {
                return;
            }
            addTo(config, missing);
            profiles.setConfiguration(config);
            WARNED_UNDECLARED.remove(realm.getId());
            LOG.infof("Declared the WeChat attributes %s in the user profile of realm %s (group \"%s\", admins only)",
                    missing, realm.getName(), GROUP);
        } catch (RuntimeException e) {
            // The provider is saved all the same: users' WeChat ids are stored whether or not they are declared.
            LOG.warnf(e, "Could not declare the WeChat attributes in the user profile of realm %s; admins will not see"
                    + " them until they are declared (save the provider again, or declare them under Realm settings"
                    + " > User profile)", realm.getName());
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    private static List<String> missing(UPConfig config) {
        return DISPLAY_NAMES.keySet().stream().filter(name -> config.getAttribute(name) == null).toList();
    }

    private static void addTo(UPConfig config, List<String> names) {
        if (config.getGroups().stream().noneMatch(group -> GROUP.equals(group.getName()))) {
            UPGroup group = new UPGroup(GROUP);
            group.setDisplayHeader("WeChat");
            group.setDisplayDescription("What WeChat told Keycloak about this person (kept by the WeChat identity provider)");
            config.addGroup(group);
        }
        for (String name : names) {
            UPAttribute attribute = new UPAttribute(name, OPENID.equals(name),
                    new UPAttributePermissions(Set.of("admin"), Set.of("admin")));
            attribute.setDisplayName(DISPLAY_NAMES.get(name));
            attribute.setGroup(GROUP);
            config.addOrReplaceAttribute(attribute);
        }
    }
}

package io.github.keycloakwechat.broker;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.representations.userprofile.config.UPGroup;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Keeps what WeChat told us about a person on their Keycloak user: the unionid, every
 * {@code AppID:openid} pair seen, the nickname and the avatar URL.
 *
 * <p>Keycloak 24+ hides attributes its user profile does not declare, so the attributes are declared
 * in the realm's user profile (group "wechat", admins may view and edit, users may not) the first time
 * they are written. Attributes an admin declared already are left as they are.
 */
public class WeChatUserAttributes {

    public static final String UNIONID = "wechat_unionid";
    /** Multivalued: one {@code AppID:openid} per WeChat app the person signed in through. */
    public static final String OPENID = "wechat_openid";
    public static final String NICKNAME = "wechat_nickname";
    public static final String AVATAR = "wechat_avatar";
    static final String GROUP = "wechat";

    private static final Logger LOG = Logger.getLogger(WeChatUserAttributes.class);
    private static final Map<String, String> DISPLAY_NAMES = Map.of(
            UNIONID, "WeChat unionid",
            OPENID, "WeChat openids (AppID:openid)",
            NICKNAME, "WeChat nickname",
            AVATAR, "WeChat avatar URL");

    private final KeycloakSession session;
    private boolean declared;

    public WeChatUserAttributes(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Records the identity on the user. The ids are always kept up to date; nickname and avatar only
     * when {@code updateProfile} (a new user, or the provider's sync mode is "force").
     */
    public void record(UserModel user, WeChatIdentity identity, boolean updateProfile) {
        if (identity.unionid() != null) {
            setIfChanged(user, UNIONID, identity.unionid());
        }
        List<String> openids = user.getAttributeStream(OPENID).toList();
        if (!openids.contains(identity.appOpenid())) {
            ensureDeclared();
            List<String> updated = new java.util.ArrayList<>(openids);
            updated.add(identity.appOpenid());
            user.setAttribute(OPENID, updated);
        }
        if (updateProfile && identity.hasProfile()) {
            setIfChanged(user, NICKNAME, identity.nickname());
            setIfChanged(user, AVATAR, identity.avatarUrl());
        }
    }

    private void setIfChanged(UserModel user, String name, String value) {
        if (Objects.equals(value, user.getFirstAttribute(name))) {
            return;
        }
        ensureDeclared();
        if (value == null || value.isEmpty()) {
            user.removeAttribute(name);
        } else {
            user.setSingleAttribute(name, value);
        }
    }

    /** Declares the attributes before the first write of this recording, and only then. */
    private void ensureDeclared() {
        if (!declared) {
            declareInUserProfile();
            declared = true;
        }
    }

    private void declareInUserProfile() {
        if (allDeclared(session.getProvider(UserProfileProvider.class).getConfiguration())) {
            return;
        }
        // In a transaction of its own: two first sign-ins at once would otherwise both update the realm's
        // user-profile component and one of them would fail on commit, taking the sign-in with it.
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(),
                    WeChatUserAttributes::declareIn);
        } catch (RuntimeException raced) {
            LOG.debugf("Another sign-in declared the WeChat attributes at the same time: %s", raced.getMessage());
        }
    }

    private static boolean allDeclared(UPConfig config) {
        return DISPLAY_NAMES.keySet().stream().allMatch(name -> config.getAttribute(name) != null);
    }

    private static void declareIn(KeycloakSession session) {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig current = profiles.getConfiguration();
        if (allDeclared(current)) {
            return;
        }
        UPConfig config = current.clone();
        if (config.getGroups().stream().noneMatch(group -> GROUP.equals(group.getName()))) {
            UPGroup group = new UPGroup(GROUP);
            group.setDisplayHeader("WeChat");
            group.setDisplayDescription("What WeChat told Keycloak about this person (kept by the WeChat identity provider)");
            config.addGroup(group);
        }
        for (String name : List.of(UNIONID, OPENID, NICKNAME, AVATAR)) {
            if (config.getAttribute(name) == null) {
                UPAttribute attribute = new UPAttribute(name, OPENID.equals(name),
                        new UPAttributePermissions(Set.of("admin"), Set.of("admin")));
                attribute.setDisplayName(DISPLAY_NAMES.get(name));
                attribute.setGroup(GROUP);
                config.addOrReplaceAttribute(attribute);
            }
        }
        profiles.setConfiguration(config);
        LOG.infof("Declared the WeChat attributes in the user profile of realm %s", session.getContext().getRealm().getName());
    }
}

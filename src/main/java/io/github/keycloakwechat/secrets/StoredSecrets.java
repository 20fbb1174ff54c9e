package io.github.keycloakwechat.secrets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.keycloakwechat.broker.WeChatIdentityProviderConfig;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ComponentRepresentation;

/**
 * Where a WeChat provider's secret settings are kept, so that the admin API never shows them: Keycloak masks only an
 * identity provider's {@code clientSecret}, but it masks every secret setting of a component. So each provider has
 * one component (parent: the realm; name: the provider's alias, which cannot change), and its config keeps the mask
 * {@value #MASK} in place of each value. The realm cache answers the reads, and a save invalidates it cluster-wide.
 *
 * <p>A {@code ${vault.…}} reference stays in the provider's config (it is no secret, and Keycloak shows
 * {@code clientSecret}'s the same way).
 */
public final class StoredSecrets {

    /** Keycloak's mask, what the admin API shows and the admin console sends back for an untouched secret. */
    public static final String MASK = ComponentRepresentation.SECRET_VALUE;

    /** The provider's secret settings ({@code clientSecret} is Keycloak's own: it masks and restores it itself). */
    public static final List<String> KEYS = List.of(
            WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_APP_SECRET,
            WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_TOKEN,
            WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_ENCODING_AES_KEY,
            WeChatIdentityProviderConfig.MINI_PROGRAM_APP_SECRET,
            WeChatIdentityProviderConfig.MOBILE_APP_APP_SECRET);

    /** Read trimmed by the provider's config (as every non-secret setting is), so stored trimmed. */
    private static final Set<String> TRIMMED = Set.of(
            WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_TOKEN,
            WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_ENCODING_AES_KEY);

    static final String PROVIDER_TYPE = WeChatSecretsProvider.class.getName();

    private StoredSecrets() {
    }

    public static boolean isMask(String value) {
        return MASK.equals(value);
    }

    /**
     * On a save of the provider (its config before it is stored): each plain secret value goes to the store and the
     * mask takes its place; a mask keeps what is stored (the admin console sends it back for an untouched field); a
     * blank or absent value, or a vault reference, leaves nothing stored. Writes only when something changed, as a
     * write invalidates the realm's cache.
     */
    public static void keep(RealmModel realm, String alias, Map<String, String> config) {
        ComponentModel existing = find(realm, alias);
        MultivaluedHashMap<String, String> stored = new MultivaluedHashMap<>();
        if (existing != null && existing.getConfig() != null) {
            stored.putAll(existing.getConfig());
        }
        boolean changed = false;
        for (String key : KEYS) {
            String value = config.get(key);
            if (isMask(value)) {
                continue;
            }
            String secret = value == null ? "" : TRIMMED.contains(key) ? value.strip() : value;
            if (secret.isBlank() || WeChatIdentityProviderConfig.isVaultReference(secret)) {
                changed |= stored.remove(key) != null;
                continue;
            }
            if (!secret.equals(stored.getFirst(key))) {
                stored.putSingle(key, secret);
                changed = true;
            }
            config.put(key, MASK);
        }
        if (!changed) {
            return;
        }
        if (existing == null) {
            ComponentModel component = new ComponentModel();
            // An id of its own that the reads can find directly: no search through the realm's components.
            component.setId(idOf(realm, alias));
            component.setName(alias);
            component.setParentId(realm.getId());
            component.setProviderType(PROVIDER_TYPE);
            component.setProviderId(WeChatSecretsFactory.PROVIDER_ID);
            component.setConfig(stored);
            realm.addComponentModel(component);
        } else if (stored.isEmpty()) {
            realm.removeComponent(existing);
        } else {
            ComponentModel updated = new ComponentModel(existing); // the cache's own copy is not ours to change
            updated.setConfig(stored);
            realm.updateComponent(updated);
        }
    }

    /**
     * A secret setting as the provider uses it: the configured value, or for the mask what is stored for the
     * provider ({@code null} when nothing is). Any other key is returned as configured.
     */
    public static String resolve(RealmModel realm, String alias, String key, String configured) {
        if (!isMask(configured) || !KEYS.contains(key)) {
            return configured;
        }
        ComponentModel component = find(realm, alias);
        String value = component == null ? null : component.get(key);
        return value == null || isMask(value) ? null : value;
    }

    /** The provider was removed: so are its secrets. */
    public static void remove(RealmModel realm, String alias) {
        realm.getComponentsStream(realm.getId(), PROVIDER_TYPE)
                .filter(component -> alias.equals(component.getName()))
                .toList()
                .forEach(realm::removeComponent);
    }

    /**
     * The provider's component: at the id it was created with (a lookup in the realm cache's map), else, for one
     * imported with an id of its own (a realm export of another realm), by its name.
     */
    static ComponentModel find(RealmModel realm, String alias) {
        ComponentModel byId = realm.getComponent(idOf(realm, alias));
        if (byId != null && PROVIDER_TYPE.equals(byId.getProviderType()) && alias.equals(byId.getName())
                && realm.getId().equals(byId.getParentId())) {
            return byId;
        }
        return realm.getComponentsStream(realm.getId(), PROVIDER_TYPE)
                .filter(component -> alias.equals(component.getName()))
                .findFirst().orElse(null);
    }

    /** Component ids are unique across realms, so the realm's id is part of it. */
    static String idOf(RealmModel realm, String alias) {
        return UUID.nameUUIDFromBytes(("keycloak-wechat secrets\n" + realm.getId() + "\n" + alias)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}

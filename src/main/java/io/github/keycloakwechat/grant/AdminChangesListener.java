package io.github.keycloakwechat.grant;

import java.util.Set;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;

/**
 * Hears every admin change of every realm (a global listener: no realm has to list it), and after one that can touch a
 * provider's mappers has committed, gives the realm a new mapper revision, so that every node reads its providers'
 * mappers again at the next code-grant sign-in ({@link ProviderMapperCache}). Keycloak sends an admin event for each
 * such change: a mapper added, changed or removed, a provider changed or removed, a partial import, a realm update.
 */
final class AdminChangesListener implements EventListenerProvider {

    private static final Set<ResourceType> TOUCHING_MAPPERS = Set.of(ResourceType.IDENTITY_PROVIDER_MAPPER,
            ResourceType.IDENTITY_PROVIDER, ResourceType.REALM);

    private final KeycloakSession session;

    AdminChangesListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        String realmId = event.getRealmId();
        if (realmId == null || !touchesMappers(event)) {
            return;
        }
        ProviderMapperCache.changedOnCommit(session, realmId);
    }

    private static boolean touchesMappers(AdminEvent event) {
        String path = event.getResourcePath();
        return TOUCHING_MAPPERS.contains(event.getResourceType())
                || path != null && path.startsWith("identity-provider");
    }

    @Override
    public void onEvent(Event event) {
        // Sign-ins change no mapper.
    }

    @Override
    public void close() {
    }
}

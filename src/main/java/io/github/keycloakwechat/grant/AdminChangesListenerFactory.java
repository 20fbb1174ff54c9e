package io.github.keycloakwechat.grant;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Registers {@link AdminChangesListener} for every realm ({@link #isGlobal()}), and starts a new mapper revision for
 * a realm that is removed, since a realm imported again under the same id must not find the old one's mappers.
 */
public class AdminChangesListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "wechat-mapper-revisions";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AdminChangesListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                ProviderMapperCache.changedOnCommit(removed.getKeycloakSession(), removed.getRealm().getId());
            }
        });
    }

    @Override
    public void close() {
    }
}

package io.github.keycloakwechat.grant;

import java.util.HashMap;
import java.util.function.BiConsumer;

import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityProviderMapper;
import org.keycloak.broker.provider.IdentityProviderMapperSyncModeDelegate;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Runs the provider's identity-provider mappers (Mappers tab) for a sign-in that does not pass through Keycloak's
 * broker, at the points where the broker runs them: before a new user is created, when it has been, and on every
 * later sign-in according to each mapper's sync mode. So a Hardcoded Role, an Attribute Importer or a Username
 * Template treats a person from the mini program like one from the website.
 */
final class ProviderMappers {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String alias;
    private final ProviderMapperCache cache;

    ProviderMappers(KeycloakSession session, RealmModel realm, String alias, ProviderMapperCache cache) {
        this.session = session;
        this.realm = realm;
        this.alias = alias;
        this.cache = cache;
    }

    void beforeNewUser(BrokeredIdentityContext context) {
        each((mapper, model) -> mapper.preprocessFederatedIdentity(session, realm, model, context));
    }

    void newUser(UserModel user, BrokeredIdentityContext context) {
        each((mapper, model) -> mapper.importNewUser(session, realm, user, model, context));
    }

    void returningUser(UserModel user, BrokeredIdentityContext context) {
        each((mapper, model) -> IdentityProviderMapperSyncModeDelegate.delegateUpdateBrokeredUser(session, realm, user,
                model, context, mapper));
    }

    private void each(BiConsumer<IdentityProviderMapper, IdentityProviderMapperModel> action) {
        for (IdentityProviderMapperModel cached : cache.mappers(session, realm, alias)) {
            IdentityProviderMapper mapper = (IdentityProviderMapper) session.getKeycloakSessionFactory()
                    .getProviderFactory(IdentityProviderMapper.class, cached.getIdentityProviderMapper());
            if (mapper != null) {
                action.accept(mapper, copy(cached));
            }
        }
    }

    /** Each sign-in hands a mapper a model of its own: the cached one is shared by every request of this node. */
    private static IdentityProviderMapperModel copy(IdentityProviderMapperModel cached) {
        IdentityProviderMapperModel model = new IdentityProviderMapperModel();
        model.setId(cached.getId());
        model.setName(cached.getName());
        model.setIdentityProviderAlias(cached.getIdentityProviderAlias());
        model.setIdentityProviderMapper(cached.getIdentityProviderMapper());
        model.setConfig(cached.getConfig() == null ? new HashMap<>() : new HashMap<>(cached.getConfig()));
        return model;
    }
}

package io.github.keycloakwechat.grant;

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

    ProviderMappers(KeycloakSession session, RealmModel realm, String alias) {
        this.session = session;
        this.realm = realm;
        this.alias = alias;
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
        session.identityProviders().getMappersByAliasStream(alias).forEach(model -> {
            IdentityProviderMapper mapper = (IdentityProviderMapper) session.getKeycloakSessionFactory()
                    .getProviderFactory(IdentityProviderMapper.class, model.getIdentityProviderMapper());
            if (mapper != null) {
                action.accept(mapper, model);
            }
        });
    }
}

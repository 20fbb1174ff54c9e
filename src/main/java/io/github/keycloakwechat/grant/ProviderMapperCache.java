package io.github.keycloakwechat.grant;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The identity-provider mappers of the realms' WeChat providers, kept on this node for the code grant. Keycloak caches
 * an identity provider but reads its mappers from the database on every sign-in, which was the largest part of what
 * the grant itself added to a token request.
 *
 * <p>A list is good while the realm's <em>mapper revision</em> is the one it was read under: a value in Keycloak's
 * cluster-wide single-use store that {@link AdminChangesListener} replaces after every admin change that can touch a
 * provider's mappers has committed, on whichever node. The revision is read (or, when there is none yet, written and
 * committed) before the mappers are read from the database, so a list is never tagged with a revision newer than the
 * data it holds: a change that commits after the read is followed by a new revision, and the next sign-in reads again.
 */
final class ProviderMapperCache {

    private static final String REVISION_KEY = "wechat-idp-mappers-revision.";
    private static final String REVISION = "revision";
    /** A revision nobody replaced for a day is let go; the next sign-in starts a new one and reads the mappers. */
    private static final long REVISION_LIFESPAN_SECONDS = 24 * 60 * 60;

    private record Cached(String revision, List<IdentityProviderMapperModel> mappers) {
    }

    private final ConcurrentMap<String, Cached> cached = new ConcurrentHashMap<>();

    List<IdentityProviderMapperModel> mappers(KeycloakSession session, RealmModel realm, String alias) {
        String revision = revision(session, realm.getId());
        String key = realm.getId() + "/" + alias;
        Cached entry = cached.get(key);
        if (entry != null && entry.revision().equals(revision)) {
            return entry.mappers();
        }
        List<IdentityProviderMapperModel> mappers = session.identityProviders().getMappersByAliasStream(alias).toList();
        cached.put(key, new Cached(revision, mappers));
        return mappers;
    }

    /** Once {@code session}'s transaction has committed a change to the realm: every node reads its mappers again. */
    static void changedOnCommit(KeycloakSession session, String realmId) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                changed(factory, realmId);
            }

            @Override
            protected void rollbackImpl() {
                // Nothing changed.
            }
        });
    }

    /** A new revision for the realm, in a transaction of its own. */
    private static void changed(KeycloakSessionFactory factory, String realmId) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.singleUseObjects().put(
                REVISION_KEY + realmId, REVISION_LIFESPAN_SECONDS, Map.of(REVISION, UUID.randomUUID().toString())));
    }

    private static String revision(KeycloakSession session, String realmId) {
        String current = read(session, realmId);
        if (current != null) {
            return current;
        }
        // None yet (first use, or let go): one of our own, committed before the mappers are read.
        changed(session.getKeycloakSessionFactory(), realmId);
        current = read(session, realmId);
        // Only if the store dropped it at once: a revision no other read can match, so nothing is kept.
        return current != null ? current : UUID.randomUUID().toString();
    }

    private static String read(KeycloakSession session, String realmId) {
        Map<String, String> notes = session.singleUseObjects().get(REVISION_KEY + realmId);
        return notes == null ? null : notes.get(REVISION);
    }
}

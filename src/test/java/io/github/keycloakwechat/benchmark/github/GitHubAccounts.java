package io.github.keycloakwechat.benchmark.github;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Who GitHub knows: OAuth apps (client id and secret) and users. Thread-safe. */
final class GitHubAccounts {

    static final String EMAIL_DOMAIN = "users.github.example";

    /** A GitHub user: the login the benchmark signs in as, a display name, GitHub's numeric id. */
    record User(String login, String name, long id) {

        /** The public e-mail address of the profile. */
        String email() {
            return login + "@" + EMAIL_DOMAIN;
        }
    }

    private final Map<String, String> appSecrets = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    // GitHub's ids are plain increasing numbers; Keycloak links the user by it.
    private final AtomicLong lastUserId = new AtomicLong(1_000_000);

    void addApp(String clientId, String clientSecret) {
        appSecrets.put(clientId, clientSecret);
    }

    boolean knownApp(String clientId) {
        return clientId != null && appSecrets.containsKey(clientId);
    }

    boolean secretMatches(String clientId, String clientSecret) {
        return knownApp(clientId) && appSecrets.get(clientId).equals(clientSecret);
    }

    /** Adds the user, or renames them; the id stays. */
    User addUser(String login, String name) {
        return users.compute(login, (l, old) -> new User(l, name, old != null ? old.id() : lastUserId.incrementAndGet()));
    }

    /** The user with this login, or null. */
    User user(String login) {
        return login == null ? null : users.get(login);
    }
}

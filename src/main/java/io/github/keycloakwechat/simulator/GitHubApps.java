package io.github.keycloakwechat.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** GitHub OAuth apps: client id to client secret. */
final class GitHubApps {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    void add(String clientId, String clientSecret) {
        secrets.put(clientId, clientSecret);
    }

    boolean known(String clientId) {
        return clientId != null && secrets.containsKey(clientId);
    }

    boolean secretMatches(String clientId, String clientSecret) {
        return known(clientId) && secrets.get(clientId).equals(clientSecret);
    }
}

package io.github.keycloakwechat.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which person has granted {@code snsapi_userinfo} to which Official Account. Community reports say a later
 * {@code snsapi_base} token then carries the unionid too (protocol reference §2.1).
 */
final class UserinfoGrants {

    private final Set<String> grants = ConcurrentHashMap.newKeySet();

    void record(String personId, String appId) {
        grants.add(personId + "\n" + appId);
    }

    boolean has(String personId, String appId) {
        return grants.contains(personId + "\n" + appId);
    }

    void clear() {
        grants.clear();
    }
}

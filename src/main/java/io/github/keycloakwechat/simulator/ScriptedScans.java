package io.github.keycloakwechat.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Pre-scripted outcomes of the next authorize requests per AppID, consumed first in, first out. */
final class ScriptedScans {

    /** A scripted outcome: a person confirms, or (personId null) the user declines. */
    record Scan(String personId) {
        boolean declined() {
            return personId == null;
        }
    }

    private final Map<String, Deque<Scan>> byApp = new HashMap<>();

    synchronized void add(String appId, Scan scan) {
        byApp.computeIfAbsent(appId, a -> new ArrayDeque<>()).addLast(scan);
    }

    /** The next scripted outcome for the app, or null. */
    synchronized Scan take(String appId) {
        Deque<Scan> queue = byApp.get(appId);
        return queue == null ? null : queue.pollFirst();
    }

    /** The next scripted outcome only if it is a person (a silent snsapi_base login cannot be declined). */
    synchronized Scan takePerson(String appId) {
        Deque<Scan> queue = byApp.get(appId);
        if (queue == null || queue.isEmpty() || queue.peekFirst().declined()) {
            return null;
        }
        return queue.pollFirst();
    }

    synchronized void clear() {
        byApp.clear();
    }
}

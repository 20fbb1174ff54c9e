package io.github.keycloakwechat.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests received per endpoint, faulted ones included. */
final class CallCounters {

    private final Map<SimEndpoint, AtomicInteger> counts = new EnumMap<>(SimEndpoint.class);

    CallCounters() {
        for (SimEndpoint e : SimEndpoint.values()) {
            counts.put(e, new AtomicInteger());
        }
    }

    void increment(SimEndpoint endpoint) {
        counts.get(endpoint).incrementAndGet();
    }

    int get(SimEndpoint endpoint) {
        return counts.get(endpoint).get();
    }

    void clear() {
        counts.values().forEach(c -> c.set(0));
    }
}

package io.github.keycloakwechat.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fault plan per endpoint: a queue of faults, each applying to the next N calls (or to every call until
 * cleared). Each call to an endpoint takes the fault at the head of its queue, if any.
 */
public final class Faults {

    private static final int FOREVER = -1;

    private static final class Planned {
        final Fault fault;
        int remaining;

        Planned(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final Map<SimEndpoint, Deque<Planned>> plan = new EnumMap<>(SimEndpoint.class);

    Faults() {
    }

    /** The next call to {@code endpoint} misbehaves as {@code fault}. */
    public Faults once(SimEndpoint endpoint, Fault fault) {
        return times(endpoint, 1, fault);
    }

    /** The next {@code n} calls to {@code endpoint} (after faults already queued) misbehave as {@code fault}. */
    public Faults times(SimEndpoint endpoint, int n, Fault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1");
        }
        return add(endpoint, fault, n);
    }

    /** Every call to {@code endpoint} (after faults already queued) misbehaves until {@link #clear()}. */
    public Faults always(SimEndpoint endpoint, Fault fault) {
        return add(endpoint, fault, FOREVER);
    }

    /** Removes every planned fault. */
    public synchronized Faults clear() {
        plan.clear();
        return this;
    }

    /** Removes the planned faults of one endpoint. */
    public synchronized Faults clear(SimEndpoint endpoint) {
        plan.remove(endpoint);
        return this;
    }

    /** How many planned calls remain for the endpoint ({@link Integer#MAX_VALUE} if a fault applies forever). */
    public synchronized int pending(SimEndpoint endpoint) {
        long total = 0;
        for (Planned p : plan.getOrDefault(endpoint, new ArrayDeque<>())) {
            if (p.remaining == FOREVER) {
                return Integer.MAX_VALUE;
            }
            total += p.remaining;
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    private synchronized Faults add(SimEndpoint endpoint, Fault fault, int count) {
        if (endpoint == null || fault == null) {
            throw new IllegalArgumentException("endpoint and fault are required");
        }
        if (!fault.appliesTo(endpoint)) {
            throw new IllegalArgumentException(fault + " needs a JSON answer; " + endpoint + " answers HTML");
        }
        plan.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addLast(new Planned(fault, count));
        return this;
    }

    /** Takes the fault for the current call, or null; consumes one use of it. */
    synchronized Fault next(SimEndpoint endpoint) {
        Deque<Planned> queue = plan.get(endpoint);
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        Planned head = queue.peekFirst();
        if (head.remaining != FOREVER && --head.remaining == 0) {
            queue.removeFirst();
        }
        return head.fault;
    }
}

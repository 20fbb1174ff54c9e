package io.github.keycloakwechat.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Wall-clock time plus an offset tests can move forward, so expiry is testable without sleeping. */
final class SimClock {

    private final AtomicLong offsetMillis = new AtomicLong();

    long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the simulator's clock only moves forward");
        }
        offsetMillis.addAndGet(d.toMillis());
    }

    void reset() {
        offsetMillis.set(0);
    }
}

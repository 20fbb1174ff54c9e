package io.github.keycloakwechat.simulator;

import java.time.Duration;

/** The simulated network distance between Keycloak and an upstream's API servers. */
final class ApiLatency {

    private ApiLatency() {
    }

    static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.keycloakwechat.simulator;

/**
 * Reproduces the "callback hit twice with the same code" reports (protocol reference §4.3): the simulator
 * itself sends a server-side {@code GET} to the callback URL it redirected the browser to, without cookies.
 */
public enum DuplicateCallback {
    /** No replay (default). */
    OFF,
    /** Replay in the background after {@code duplicateCallbackDelay} (default 200 ms): the browser usually wins. */
    AFTER,
    /** Replay synchronously before the 302 is sent: the duplicate deterministically arrives first. */
    BEFORE
}

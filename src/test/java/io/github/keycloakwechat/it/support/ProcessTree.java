package io.github.keycloakwechat.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a process and everything it started. {@code kc.sh} forks the Keycloak JVM, so destroying only the
 * script would leave Keycloak running after the tests.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** SIGTERM to the whole tree (children first), then SIGKILL to whatever still runs after {@code grace}. */
    static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : tree) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    process.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (Exception timedOutOrInterrupted) {
                    // it is killed below
                }
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}

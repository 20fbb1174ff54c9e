package io.github.keycloakwechat.benchmark;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a phase's sign-ins spent their time, hop by hop as the browser sees it: a profile of the whole path
 * that needs no agent in Keycloak. Shared by a phase's workers.
 */
final class SignInSteps {

    enum Step {
        AUTHORIZE("Keycloak: client's authorization request → upstream"),
        UPSTREAM_PAGE("Upstream authorize page → broker callback"),
        CALLBACK("Keycloak: broker callback (incl. upstream API calls)"),
        OTHER_KEYCLOAK("Keycloak: further redirects (first-login flow)"),
        TOKEN("Keycloak: code-for-tokens exchange");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    private final Map<Step, LongAdder> nanos = new EnumMap<>(Step.class);
    private final LongAdder signIns = new LongAdder();

    SignInSteps() {
        for (Step step : Step.values()) {
            nanos.put(step, new LongAdder());
        }
    }

    void add(Step step, long elapsedNanos) {
        nanos.get(step).add(elapsedNanos);
    }

    void signInDone() {
        signIns.increment();
    }

    void addAll(SignInSteps other) {
        other.nanos.forEach((step, sum) -> nanos.get(step).add(sum.sum()));
        signIns.add(other.signIns.sum());
    }

    /** Mean milliseconds per completed sign-in spent in this step. */
    double meanMillis(Step step) {
        long n = signIns.sum();
        return n == 0 ? Double.NaN : nanos.get(step).sum() / 1e6 / n;
    }
}

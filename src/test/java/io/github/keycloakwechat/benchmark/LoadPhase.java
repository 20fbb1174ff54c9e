package io.github.keycloakwechat.benchmark;

import java.util.function.IntFunction;

/**
 * Runs a number of sign-ins through one provider with a fixed number of concurrent browsers (closed loop: each
 * starts its next sign-in when the last one ended), timing each, and counts the upstream API calls they caused.
 */
final class LoadPhase {

    private final BenchRealm realm;

    LoadPhase(BenchRealm realm) {
        this.realm = realm;
    }

    /** Sign-in {@code i} (0 ≤ i < count) is made by the person {@code personOf.apply(i)}. */
    PhaseResult run(String provider, PhaseResult.Path path, int count, int concurrency, IntFunction<String> personOf)
            throws InterruptedException {
        int apiCallsBefore = realm.upstreams().apiCalls();
        SignInSteps steps = new SignInSteps();
        ClosedLoop.Outcome outcome = ClosedLoop.run(count, concurrency, () -> {
            SignInClient browser = new SignInClient(realm, steps);
            return i -> browser.signIn(provider, personOf.apply(i));
        });
        double apiCallsPerSignIn = (realm.upstreams().apiCalls() - apiCallsBefore) / (double) count;
        return new PhaseResult(provider, path, concurrency, count, outcome.seconds(), outcome.latenciesMillis(),
                outcome.errors(), outcome.firstError(), apiCallsPerSignIn, steps);
    }
}

package io.github.keycloakwechat.benchmark;

import java.util.Arrays;

/** What one measured phase (a provider, a path, a concurrency) gave. Latencies in milliseconds. */
public record PhaseResult(String provider, Path path, int concurrency, int signIns, double seconds, double[] latenciesMillis,
                   int errors, String firstError, double apiCallsPerSignIn, SignInSteps steps) {

    public enum Path {
        RETURNING("returning"), NEW("new");

        public final String label;

        Path(String label) {
            this.label = label;
        }
    }

    public double signInsPerSecond() {
        return (signIns - errors) / seconds;
    }

    double percentile(double p) {
        if (latenciesMillis.length == 0) {
            return Double.NaN;
        }
        double[] sorted = latenciesMillis.clone();
        Arrays.sort(sorted);
        // Nearest rank: the smallest value with at least p of the sign-ins at or below it.
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double meanMillis() {
        return Arrays.stream(latenciesMillis).average().orElse(Double.NaN);
    }

    /** Mean time per sign-in not spent waiting for the upstream's simulated API latency. */
    double providerAddedMillis(long apiLatencyMillis) {
        return meanMillis() - apiCallsPerSignIn * apiLatencyMillis;
    }
}

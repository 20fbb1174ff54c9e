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

    /** Blocks of one provider, path and concurrency as one result: their sign-ins over their summed time. */
    static PhaseResult merge(java.util.List<PhaseResult> blocks) {
        PhaseResult first = blocks.get(0);
        int signIns = 0;
        int errors = 0;
        double seconds = 0;
        double apiCalls = 0;
        String firstError = null;
        SignInSteps steps = new SignInSteps();
        java.util.stream.DoubleStream.Builder latencies = java.util.stream.DoubleStream.builder();
        for (PhaseResult b : blocks) {
            signIns += b.signIns;
            errors += b.errors;
            seconds += b.seconds;
            apiCalls += b.apiCallsPerSignIn * b.signIns;
            firstError = firstError != null ? firstError : b.firstError;
            steps.addAll(b.steps);
            for (double l : b.latenciesMillis) {
                latencies.add(l);
            }
        }
        return new PhaseResult(first.provider, first.path, first.concurrency, signIns, seconds, latencies.build().toArray(),
                errors, firstError, apiCalls / signIns, steps);
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

package io.github.keycloakwechat.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latencies of one kind of measurement, in milliseconds, with the failures that have none. */
public record Timings(double[] millis, int errors, String firstError) {

    /** Collects measurements one by one; not thread-safe. */
    static final class Builder {
        private final List<Double> millis = new ArrayList<>();
        private int errors;
        private String firstError;

        void add(double ms) {
            millis.add(ms);
        }

        void failed(Throwable e) {
            errors++;
            if (firstError == null) {
                firstError = String.valueOf(e);
            }
        }

        Timings build() {
            return new Timings(millis.stream().mapToDouble(Double::doubleValue).toArray(), errors, firstError);
        }
    }

    static Timings merge(List<Timings> parts) {
        Builder all = new Builder();
        for (Timings t : parts) {
            for (double ms : t.millis) {
                all.add(ms);
            }
            all.errors += t.errors;
            all.firstError = all.firstError != null ? all.firstError : t.firstError;
        }
        return all.build();
    }

    public int count() {
        return millis.length;
    }

    /** Nearest rank: the smallest value with at least p of the measurements at or below it. */
    public double percentile(double p) {
        if (millis.length == 0) {
            return Double.NaN;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double max() {
        return Arrays.stream(millis).max().orElse(Double.NaN);
    }

    public double mean() {
        return Arrays.stream(millis).average().orElse(Double.NaN);
    }
}

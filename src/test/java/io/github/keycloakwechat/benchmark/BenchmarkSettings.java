package io.github.keycloakwechat.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What to run. From system properties (the {@code -Pbenchmark} profile passes {@code -Dbench.*} through):
 * {@code bench.latencyMs} (50), {@code bench.warmup} (200 returning sign-ins per provider),
 * {@code bench.signIns} (sign-ins per phase at concurrency 1: 100), {@code bench.signInsConcurrent} (per phase at
 * the higher concurrencies: 400), {@code bench.concurrency} (1,16), {@code bench.rounds} (5: the blocks each phase is
 * cut into, the providers taking turns), {@code bench.grantLatenciesMs} (0,50: the WeChat API latencies the code-grant
 * benchmark runs at), {@code bench.grantSessions} ({@code reset}: the code-grant benchmark signs its realm's sessions
 * out before each block; {@code keep}: they pile up over the run).
 */
public record BenchmarkSettings(Duration apiLatency, int warmUp, int signIns, int signInsConcurrent, List<Integer> concurrency,
                                int rounds, List<Duration> grantLatencies, boolean resetGrantSessions) {

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(
                Duration.ofMillis(Long.getLong("bench.latencyMs", 50)),
                Integer.getInteger("bench.warmup", 200),
                Integer.getInteger("bench.signIns", 100),
                Integer.getInteger("bench.signInsConcurrent", 400),
                Arrays.stream(System.getProperty("bench.concurrency", "1,16").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                Integer.getInteger("bench.rounds", 5),
                Arrays.stream(System.getProperty("bench.grantLatenciesMs", "0,50").split(","))
                        .map(String::trim).map(ms -> Duration.ofMillis(Long.parseLong(ms))).toList(),
                grantSessions(System.getProperty("bench.grantSessions", "reset")));
    }

    /** A few sign-ins per phase, no latency: proves the benchmark still runs (CI). */
    public static BenchmarkSettings smoke() {
        return new BenchmarkSettings(Duration.ZERO, 4, 3, 6, List.of(1, 4), 1, List.of(Duration.ZERO), true);
    }

    private static boolean grantSessions(String value) {
        return switch (value.trim()) {
            case "reset" -> true;
            case "keep" -> false;
            default -> throw new IllegalArgumentException("bench.grantSessions is reset or keep, not " + value);
        };
    }

    int signInsAt(int concurrency) {
        return concurrency == 1 ? signIns : signInsConcurrent;
    }

    int maxConcurrency() {
        return concurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
    }
}

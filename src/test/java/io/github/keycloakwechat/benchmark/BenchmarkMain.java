package io.github.keycloakwechat.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

import io.github.keycloakwechat.it.support.DistributionKeycloak;

/**
 * {@code mvn -Pbenchmark verify}: Keycloak 26.7 with this provider, from its own copy of the distribution
 * ({@code target/bench-keycloak}; the integration tests wipe {@code target/keycloak-dist}), against the
 * WeChat simulator and the GitHub stand-in with the same API latency; then follow to sign in (the Official Account's QR
 * code, {@link FollowBenchmark}) on the same Keycloak. {@code -Dbench.only=follow} runs that part alone. Prints the
 * results as Markdown (docs/benchmarks.md).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        // "all" (default), or one part alone, without the start-up measurement: "follow" (follow to sign in) or
        // "grant" (the code grant against client_credentials).
        String only = System.getProperty("bench.only", "all").trim().toLowerCase(Locale.ROOT);
        boolean all = only.isEmpty() || only.equals("all");
        if (!all && !only.equals("follow") && !only.equals("grant")) {
            throw new IllegalArgumentException("bench.only must be all, follow or grant, not " + only);
        }
        Path providerJar = Path.of(System.getProperty("keycloak.provider.jar"));
        Path target = Path.of(System.getProperty("project.build.directory", "target"));
        Path distHome = ownCopy(Path.of(System.getProperty("keycloak.dist.home")), target.resolve("bench-keycloak"));

        try (Upstreams upstreams = Upstreams.start()) {
            long starting = System.nanoTime();
            try (DistributionKeycloak keycloak = DistributionKeycloak.start(distHome, System.getProperty("keycloak.dist.version"),
                    providerJar, target.resolve("keycloak-benchmark.log"))) {
                double startupSeconds = (System.nanoTime() - starting) / 1e9;
                HeapProbe heap = HeapProbe.of(keycloak.pid());
                if (all) {
                    brokerAndGrants(keycloak, upstreams, settings, heap, providerJar, startupSeconds);
                } else if (only.equals("grant")) {
                    grants(keycloak, upstreams, settings);
                }
                if (all || only.equals("follow")) {
                    System.out.println("Follow the Official Account to sign in...");
                    try (FollowBenchmark follow = new FollowBenchmark(keycloak, upstreams,
                            FollowSettings.fromSystemProperties(), "bench-follow", settings.apiLatency(), heap)) {
                        FollowResults results = follow.run();
                        System.out.println();
                        System.out.println(FollowResultsTable.render(results));
                    }
                }
            }
        }
        if (all && Boolean.parseBoolean(System.getProperty("bench.startup", "true"))) {
            // Both starts follow a change of providers/, so both include Keycloak's re-build.
            double without = secondsToStart(distHome, null, target);
            double with = secondsToStart(distHome, providerJar, target);
            System.out.printf(Locale.ROOT, "Keycloak start-up incl. re-build: %.1f s without our jar, %.1f s with it%n", without, with);
        }
    }

    /** The code grant against client_credentials; returns how many token requests it made. */
    private static int grants(DistributionKeycloak keycloak, Upstreams upstreams, BenchmarkSettings settings)
            throws InterruptedException {
        System.out.println("Mini programs and apps: the WeChat code grant against client_credentials...");
        GrantBenchmark grants = new GrantBenchmark(keycloak, upstreams, settings, "bench-grant");
        int requests = total(grants.warmUp());
        Map<Long, List<PhaseResult>> results = grants.measure(settings.grantLatencies());
        System.out.println();
        System.out.println(GrantResultsTable.render(results));
        return requests + results.values().stream().mapToInt(BenchmarkMain::total).sum();
    }

    /** The broker benchmark (WeChat against GitHub) and the code-grant benchmark, on the running Keycloak. */
    private static void brokerAndGrants(DistributionKeycloak keycloak, Upstreams upstreams, BenchmarkSettings settings,
                                        HeapProbe heap, Path providerJar, double startupSeconds) throws Exception {
        BrokerBenchmark benchmark = new BrokerBenchmark(keycloak, upstreams, settings, "bench");

        System.out.println("Warming up...");
        List<PhaseResult> warmUp = benchmark.warmUp();
        int signIns = total(warmUp);
        warmUp.stream().filter(r -> r.errors() > 0).forEach(r -> System.out.printf(
                "Warm-up errors (%s %s): %d, first: %s%n", r.provider(), r.path().label, r.errors(), r.firstError()));
        Optional<Double> heapAfterWarmUp = heap.usedAfterGcMiB();
        Optional<long[]> oursAfterWarmUp = heap.ourInstances();
        System.out.println("Measuring...");
        List<PhaseResult> results = benchmark.measure();
        signIns += total(results);
        Optional<Double> heapAfterAll = heap.usedAfterGcMiB();
        Optional<long[]> oursAfterAll = heap.ourInstances();

        System.out.println();
        System.out.printf(Locale.ROOT, "API latency per upstream call: %d ms; Java %s; %d cores%n%n",
                settings.apiLatency().toMillis(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println(ResultsTable.render(results, settings.apiLatency().toMillis()));

        signIns += grants(keycloak, upstreams, settings);
        upstreams.apiLatency(settings.apiLatency());
        System.out.printf(Locale.ROOT, "Heap used after full GC: %s MiB after warm-up, %s MiB after %d sign-ins%n",
                mib(heapAfterWarmUp), mib(heapAfterAll), signIns);
        System.out.printf(Locale.ROOT, "Live io.github.keycloakwechat objects: %s after warm-up, %s after %d sign-ins%n",
                objects(oursAfterWarmUp), objects(oursAfterAll), signIns);
        System.out.printf(Locale.ROOT, "Provider jar: %s, %.1f KiB%n", providerJar.getFileName(), Files.size(providerJar) / 1024.0);
        System.out.printf(Locale.ROOT, "Keycloak start-up with the provider (start-dev, fresh H2): %.1f s%n", startupSeconds);
    }

    private static double secondsToStart(Path distHome, Path providerJar, Path target) {
        long starting = System.nanoTime();
        try (DistributionKeycloak keycloak = DistributionKeycloak.start(distHome, System.getProperty("keycloak.dist.version"),
                providerJar, target.resolve("keycloak-benchmark-startup.log"))) {
            return (System.nanoTime() - starting) / 1e9;
        }
    }

    private static String objects(Optional<long[]> counts) {
        return counts.map(c -> String.format(Locale.ROOT, "%d (%.1f KiB)", c[0], c[1] / 1024.0)).orElse("n/a");
    }

    /** {@code cp -a} keeps the timestamps Keycloak's build check looks at; made once, reused afterwards. */
    private static Path ownCopy(Path dist, Path copies) throws IOException, InterruptedException {
        Path copy = copies.resolve(dist.getFileName());
        if (!Files.isDirectory(copy)) {
            Files.createDirectories(copies);
            int exit = new ProcessBuilder("cp", "-a", dist.toString(), copies.toString()).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("cp -a " + dist + " " + copies + " failed with " + exit);
            }
        }
        return copy;
    }

    private static int total(List<PhaseResult> results) {
        return results.stream().mapToInt(PhaseResult::signIns).sum();
    }

    private static String mib(Optional<Double> value) {
        return value.map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("n/a");
    }
}

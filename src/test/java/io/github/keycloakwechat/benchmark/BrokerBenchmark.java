package io.github.keycloakwechat.benchmark;

import java.util.ArrayList;
import java.util.List;

import io.github.keycloakwechat.benchmark.PhaseResult.Path;
import io.github.keycloakwechat.it.support.KeycloakRuntime;

/**
 * The benchmark on a running Keycloak: sets up the realm, signs up a pool of returning people per provider,
 * warms up, then measures each path and concurrency for WeChat and GitHub back to back. Used by the
 * {@code -Pbenchmark} main and by the CI smoke test.
 */
public final class BrokerBenchmark {

    static final List<String> PROVIDERS = List.of(BenchRealm.WECHAT, BenchRealm.GITHUB);

    private final Upstreams upstreams;
    private final BenchmarkSettings settings;
    private final LoadPhase load;
    private final int poolSize;
    private int newPeople;

    public BrokerBenchmark(KeycloakRuntime keycloak, Upstreams upstreams, BenchmarkSettings settings, String realmName) {
        this.upstreams = upstreams;
        this.settings = settings;
        this.load = new LoadPhase(BenchRealm.create(keycloak, upstreams, realmName));
        // Two returning people per concurrent browser: no person signs in twice at the same moment.
        this.poolSize = 2 * settings.maxConcurrency();
        upstreams.apiLatency(settings.apiLatency());
    }

    /** Signs up the returning people and warms Keycloak's code paths up for both providers; nothing is measured. */
    public List<PhaseResult> warmUp() throws InterruptedException {
        List<PhaseResult> warmUp = new ArrayList<>();
        for (String provider : PROVIDERS) {
            for (int i = 0; i < poolSize; i++) {
                upstreams.addPerson(returning(provider, i), "Returning " + i);
            }
            // All at once, the realm's very first WeChat sign-ups included (they declare the user-profile attributes).
            warmUp.add(load.run(provider, Path.NEW, poolSize, settings.maxConcurrency(), i -> returning(provider, i)));
            warmUp.add(load.run(provider, Path.RETURNING, settings.warmUp(), settings.maxConcurrency(),
                    i -> returning(provider, i % poolSize)));
        }
        return warmUp;
    }

    /**
     * Every concurrency × path × provider. The providers take turns in short blocks (WeChat then GitHub, then
     * GitHub then WeChat, …), so that whatever else the machine does at a moment weighs on both alike.
     */
    public List<PhaseResult> measure() throws InterruptedException {
        List<PhaseResult> results = new ArrayList<>();
        for (int concurrency : settings.concurrency()) {
            for (Path path : Path.values()) {
                int total = settings.signInsAt(concurrency);
                int rounds = Math.max(1, Math.min(settings.rounds(), total / Math.max(1, concurrency)));
                List<List<PhaseResult>> blocks = List.of(new ArrayList<>(), new ArrayList<>());
                for (int round = 0; round < rounds; round++) {
                    int count = total / rounds + (round < total % rounds ? 1 : 0);
                    for (int turn = 0; turn < PROVIDERS.size(); turn++) {
                        int p = (turn + round) % PROVIDERS.size();
                        blocks.get(p).add(run(PROVIDERS.get(p), path, count, concurrency));
                    }
                }
                for (List<PhaseResult> providerBlocks : blocks) {
                    results.add(PhaseResult.merge(providerBlocks));
                }
            }
        }
        return results;
    }

    private PhaseResult run(String provider, Path path, int count, int concurrency) throws InterruptedException {
        if (path == Path.RETURNING) {
            return load.run(provider, path, count, concurrency, i -> returning(provider, i % poolSize));
        }
        int first = newPeople;
        newPeople += count;
        for (int i = 0; i < count; i++) {
            upstreams.addPerson(newcomer(provider, first + i), "New " + (first + i));
        }
        return load.run(provider, path, count, concurrency, i -> newcomer(provider, first + i));
    }

    private static String returning(String provider, int i) {
        return "ret-" + provider + "-" + i;
    }

    private static String newcomer(String provider, int i) {
        return "new-" + provider + "-" + i;
    }
}

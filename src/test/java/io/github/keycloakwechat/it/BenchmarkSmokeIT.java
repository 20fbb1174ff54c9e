package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.keycloakwechat.benchmark.BenchmarkSettings;
import io.github.keycloakwechat.benchmark.BrokerBenchmark;
import io.github.keycloakwechat.benchmark.FollowBenchmark;
import io.github.keycloakwechat.benchmark.FollowResults;
import io.github.keycloakwechat.benchmark.FollowSettings;
import io.github.keycloakwechat.benchmark.GrantBenchmark;
import io.github.keycloakwechat.benchmark.PhaseResult;
import io.github.keycloakwechat.benchmark.Timings;
import io.github.keycloakwechat.benchmark.Upstreams;
import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import org.junit.jupiter.api.Test;

/**
 * The benchmark ({@code mvn -Pbenchmark package}) in miniature, so it cannot rot: a few sign-ins per provider,
 * path and concurrency, no latency; and follow to sign in (a sign-in per flow in Chromium, a few pages and pushes).
 * Asserts only that every sign-in succeeded, the upstream calls each cost, and that the pushes were acted on; never
 * timings.
 */
@KeycloakIntegrationTest
class BenchmarkSmokeIT {

    /** Upstream API calls per sign-in: a returning WeChat person costs the code exchange only. */
    private static final Map<String, Double> EXPECTED_CALLS = Map.of(
            "wechat/returning", 1.0,
            "wechat/new", 2.0, // code exchange, then /sns/userinfo for the new user's profile
            "github/returning", 2.0, // Keycloak's GitHub provider: token, then /user every time
            "github/new", 2.0);

    @Test
    void everyPathSignsInWithoutErrorsAndTheExpectedUpstreamCalls(KeycloakRuntime keycloak) throws Exception {
        try (Upstreams upstreams = Upstreams.start()) {
            String realm = "bench-smoke-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                BrokerBenchmark benchmark = new BrokerBenchmark(keycloak, upstreams, BenchmarkSettings.smoke(), realm);
                List<PhaseResult> all = new ArrayList<>(benchmark.warmUp());
                List<PhaseResult> measured = benchmark.measure();
                all.addAll(measured);
                for (PhaseResult phase : all) {
                    assertEquals(0, phase.errors(), phase.provider() + " " + phase.path() + ": " + phase.firstError());
                }
                for (PhaseResult phase : measured) {
                    String key = phase.provider() + "/" + phase.path().label;
                    assertEquals(EXPECTED_CALLS.get(key), phase.apiCallsPerSignIn(), 1e-9,
                            key + " at concurrency " + phase.concurrency());
                }
            } finally {
                keycloak.admin().deleteRealm(realm);
            }
        }
    }

    @Test
    void theCodeGrantBenchmarkRunsWithOneWeChatCallPerReturningPerson(KeycloakRuntime keycloak) throws Exception {
        try (Upstreams upstreams = Upstreams.start()) {
            String realm = "bench-grant-smoke-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                GrantBenchmark benchmark = new GrantBenchmark(keycloak, upstreams, BenchmarkSettings.smoke(), realm);
                List<PhaseResult> all = new ArrayList<>(benchmark.warmUp());
                Map<Long, List<PhaseResult>> measured = benchmark.measure(List.of(java.time.Duration.ZERO));
                measured.values().forEach(all::addAll);
                for (PhaseResult phase : all) {
                    assertEquals(0, phase.errors(), phase.provider() + " " + phase.path() + ": " + phase.firstError());
                }
                for (PhaseResult phase : measured.get(0L)) {
                    double expected = phase.provider().equals(GrantBenchmark.CODE_GRANT) ? 1.0 : 0.0;
                    assertEquals(expected, phase.apiCallsPerSignIn(), 1e-9,
                            phase.provider() + " at concurrency " + phase.concurrency());
                }
            } finally {
                keycloak.admin().deleteRealm(realm);
            }
        }
    }

    /** In Chromium (skipped where it is not installed): a sign-in per flow, five pages, a second of pushes. */
    @Test
    void theFollowBenchmarkSignsInThroughPushesAndEveryPushIsActedOn(KeycloakRuntime keycloak) throws Exception {
        try (Upstreams upstreams = Upstreams.start()) {
            String realm = "bench-follow-smoke-" + UUID.randomUUID().toString().substring(0, 8);
            try (FollowBenchmark benchmark = new FollowBenchmark(keycloak, upstreams, FollowSettings.smoke(), realm,
                    java.time.Duration.ZERO, null)) {
                FollowResults results = benchmark.run();
                assertEquals(0, results.warmUpErrors(), "warm-up sign-ins");
                for (Timings timings : List.of(results.followSignIns(), results.websiteSignIns(), results.pushes(),
                        results.wellKnown(), results.plainPages(), results.followPages())) {
                    assertEquals(0, timings.errors(), timings.firstError());
                }
                assertEquals(FollowSettings.smoke().signIns(), results.followSignIns().count());
                assertEquals(FollowSettings.smoke().signIns(), results.websiteSignIns().count());
                assertTrue(results.realScenesPushed() > 0);
                assertEquals(results.realScenesPushed(), results.realScenesScanned(), "every pushed page says scanned");
                assertTrue(results.unpushedChecked() > 0);
                assertEquals(results.unpushedChecked(), results.unpushedStillWaiting(), "the others still wait");
                assertTrue(results.poll().requests() > 0, "the waiting page asks");
            } finally {
                keycloak.admin().deleteRealm(realm);
                keycloak.admin().deleteRealm(FollowBenchmark.plainRealmName(realm));
            }
        }
    }
}

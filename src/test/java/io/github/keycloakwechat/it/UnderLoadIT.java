package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakwechat.benchmark.BenchRealm;
import io.github.keycloakwechat.benchmark.HeapProbe;
import io.github.keycloakwechat.benchmark.SignInClient;
import io.github.keycloakwechat.benchmark.Upstreams;
import io.github.keycloakwechat.it.support.ContainerKeycloak;
import io.github.keycloakwechat.it.support.DistributionKeycloak;
import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Many people at once: 200 sign-ins from 16 concurrent browsers, new and returning people mixed, end without an
 * error and with one user per person; 50 first sign-ins of the same person at the same moment make exactly one
 * user; and Keycloak's heap after all that is where it was after the warm-up. Each browser is the benchmark's HTTP
 * client (no review-profile step: the realm's profile makes e-mail and names optional, as in the benchmark).
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnderLoadIT {

    private static final int CLIENTS = 16;
    private static final int SIGN_INS = 200;
    private static final int RETURNING_PEOPLE = 40;
    private static final int NEW_PEOPLE = 100;
    private static final int SAME_PERSON_ATTEMPTS = 50;
    private static final String RETRY_MESSAGE = "Your account is being created with WeChat in another browser";
    /** Heap growth still counted as noise: caches and sessions of a few hundred sign-ins, GC timing. */
    private static final double HEAP_NOISE_MIB = 32;

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakRuntime keycloak;
    private Upstreams upstreams;
    private WeChatSimulator sim;
    private BenchRealm realm;
    private HeapProbe heap;
    private Optional<Double> heapAfterWarmUp = Optional.empty();

    @BeforeAll
    void warmUp(KeycloakRuntime keycloak) throws Exception {
        this.keycloak = keycloak;
        // The benchmark's upstreams: each browser is "signed in at WeChat" as its person, so the QR page confirms at
        // once, no nextScan needed. Only WeChat is signed in through here.
        upstreams = Upstreams.start();
        sim = upstreams.wechat();
        realm = BenchRealm.create(keycloak, upstreams, "load-" + UUID.randomUUID().toString().substring(0, 8));
        List<String> returning = new ArrayList<>();
        for (int i = 0; i < RETURNING_PEOPLE; i++) {
            returning.add("returning" + i);
            sim.addPerson("returning" + i, "老用户" + i, null);
        }
        // The returning people sign up now; this also warms Keycloak's code paths up before the heap baseline.
        Result warmUp = run(returning, CLIENTS);
        assertEquals(0, warmUp.errors(), "warm-up: " + warmUp.firstErrors());
        if (keycloak instanceof DistributionKeycloak distribution) {
            heap = HeapProbe.of(distribution.pid());
        } else if (keycloak instanceof ContainerKeycloak container) {
            heap = HeapProbe.of(container.hostPid()); // the engine runs here: root's jcmd reaches into the container
        }
        heapAfterWarmUp = heap == null ? Optional.empty() : heap.usedAfterGcMiB();
        System.out.printf("OBSERVED LOAD | warm-up: %d sign-ups from %d clients in %.1f s, 0 errors; heap after GC %s%n",
                RETURNING_PEOPLE, CLIENTS, warmUp.seconds(), heapAfterWarmUp.map(m -> String.format("%.1f MiB", m)).orElse("n/a"));
    }

    @AfterAll
    void stop() {
        if (realm != null) {
            keycloak.admin().deleteRealm(realm.name());
        }
        if (upstreams != null) {
            upstreams.close();
        }
    }

    @Test
    @Order(1)
    void twoHundredSignInsFromSixteenBrowsersMixingNewAndReturningPeopleAllSucceed() throws Exception {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < NEW_PEOPLE; i++) {
            sim.addPerson("new" + i, "新用户" + i, null);
            people.add("new" + i);
        }
        for (int i = 0; people.size() < SIGN_INS; i++) {
            people.add("returning" + (i % RETURNING_PEOPLE));
        }
        // Each new person signs in once, so no two first sign-ins of one person overlap (that is the next test).
        Collections.shuffle(people, new Random(42));

        Result load = run(people, CLIENTS);

        assertEquals(0, load.errors(), "errors: " + load.firstErrors());
        List<JsonNode> users = keycloak.admin().users(realm.name());
        Set<String> unionids = new HashSet<>();
        users.forEach(user -> unionids.add(user.path("attributes").path("wechat_unionid").path(0).asText()));
        Set<String> expected = new HashSet<>();
        new HashSet<>(people).forEach(person -> expected.add(sim.unionid(person)));
        assertEquals(RETURNING_PEOPLE + NEW_PEOPLE, users.size(), "one user per person");
        assertEquals(expected, unionids, "exactly the people who signed in, no duplicates");
        System.out.printf("OBSERVED LOAD | %d sign-ins (%d new, %d returning) from %d clients in %.1f s (%.1f/s),"
                        + " p50 %d ms, p95 %d ms: %d errors; %d users for %d distinct people%n",
                SIGN_INS, NEW_PEOPLE, SIGN_INS - NEW_PEOPLE, CLIENTS, load.seconds(), SIGN_INS / load.seconds(),
                load.percentile(50), load.percentile(95), load.errors(), users.size(), expected.size());
    }

    @Test
    @Order(2)
    void fiftyFirstSignInsOfTheSamePersonAtOnceMakeExactlyOneUser() throws Exception {
        sim.addPerson("crowd", "同一个人", null);
        int usersBefore = keycloak.admin().users(realm.name()).size();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Set<String> signedInAs = ConcurrentHashMap.newKeySet();
        List<String> others = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService browsers = Executors.newFixedThreadPool(SAME_PERSON_ATTEMPTS);
        long started = System.nanoTime();
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < SAME_PERSON_ATTEMPTS; i++) {
                attempts.add(browsers.submit(() -> {
                    SignInClient browser = new SignInClient(realm);
                    start.await();
                    SignInClient.Outcome outcome = browser.attempt(BenchRealm.WECHAT, "crowd");
                    String kind;
                    if (outcome.signedIn()) {
                        kind = "signed in";
                        String accessToken = JSON.readTree(outcome.tokens()).path("access_token").asText();
                        signedInAs.add(OidcLogin.claims(accessToken).path("sub").asText());
                    } else if (outcome.page().contains(RETRY_MESSAGE)) {
                        kind = "asked to retry";
                    } else {
                        kind = "other";
                        others.add("HTTP " + outcome.status() + " " + SignInClient.title(outcome.page()));
                    }
                    outcomes.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> attempt : attempts) {
                attempt.get(90, TimeUnit.SECONDS);
            }
        } finally {
            browsers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<JsonNode> users = keycloak.admin().users(realm.name());
        List<JsonNode> crowd = users.stream()
                .filter(user -> sim.unionid("crowd").equals(user.path("attributes").path("wechat_unionid").path(0).asText()))
                .toList();
        assertEquals(List.of(), others, "every attempt ends signed in or with the retry message");
        assertEquals(usersBefore + 1, users.size(), "exactly one new user");
        assertEquals(1, crowd.size());
        assertTrue(count(outcomes, "signed in") >= 1, "at least the first attempt signed in: " + outcomes);
        assertEquals(Set.of(crowd.get(0).path("id").asText()), signedInAs, "everyone signed in is that one user");
        System.out.printf("OBSERVED LOAD | %d first sign-ins of one person at once in %.1f s: %d signed in as the one user,"
                        + " %d told to retry (\"%s…\"), %d other; users +%d%n", SAME_PERSON_ATTEMPTS, seconds,
                count(outcomes, "signed in"), count(outcomes, "asked to retry"), RETRY_MESSAGE,
                count(outcomes, "other"), users.size() - usersBefore);
    }

    @Test
    @Order(3)
    void keycloaksHeapAfterTheLoadIsWithinNoiseOfItsHeapAfterWarmUp() {
        assumeTrue(heapAfterWarmUp.isPresent(), "jcmd could not read the heap of this Keycloak");
        double before = heapAfterWarmUp.get();
        double after = heap.usedAfterGcMiB().orElseThrow();

        System.out.printf("OBSERVED LOAD | heap after GC: %.1f MiB after warm-up, %.1f MiB after %d more sign-ins (%+.1f MiB)%n",
                before, after, SIGN_INS + SAME_PERSON_ATTEMPTS, after - before);
        assertTrue(after - before < HEAP_NOISE_MIB, String.format("heap grew %.1f MiB (%.1f → %.1f)", after - before, before, after));
    }

    private static int count(Map<String, AtomicInteger> outcomes, String kind) {
        AtomicInteger n = outcomes.get(kind);
        return n == null ? 0 : n.get();
    }

    /** Sign-ins of the given people from {@code clients} browsers (closed loop), with their latencies. */
    private Result run(List<String> people, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] millis = new long[people.size()];
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < clients; w++) {
                running.add(workers.submit(() -> {
                    SignInClient browser = new SignInClient(realm);
                    for (int i = next.getAndIncrement(); i < people.size(); i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            browser.signIn(BenchRealm.WECHAT, people.get(i));
                        } catch (Exception e) {
                            errors.add(people.get(i) + ": " + e.getMessage());
                        }
                        millis[i] = (System.nanoTime() - t0) / 1_000_000;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
        }
        return new Result((System.nanoTime() - started) / 1e9, millis, errors);
    }

    private record Result(double seconds, long[] millis, List<String> errorList) {

        int errors() {
            return errorList.size();
        }

        List<String> firstErrors() {
            return errorList.subList(0, Math.min(5, errorList.size()));
        }

        long percentile(int p) {
            long[] sorted = millis.clone();
            java.util.Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }
    }
}

package io.github.keycloakwechat.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.simulator.PushMode;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * Follow the Official Account to sign in, on a running Keycloak: two realms of its own (the "wechat" login theme,
 * one with the provider's {@code kcTheme-followQr} switch on, one without), the benchmark's WeChat simulator, and
 * three questions:
 * <ol>
 *     <li>how long after WeChat's push a waiting login page in a real browser (Chromium) leaves Keycloak, for returning
 *     people, against the website QR flow's redirect from WeChat to leaving Keycloak in the same browser;</li>
 *     <li>how the message endpoint answers under a steady 50 pushes/s (an open loop), against the realm's
 *     {@code .well-known/openid-configuration} at the same schedule;</li>
 *     <li>what an open login page costs while it waits: its status requests per minute (counted in Chromium), and
 *     Keycloak's heap per page against a plain login page.</li>
 * </ol>
 * Used by the {@code -Pbenchmark} main and by the CI smoke test.
 */
public final class FollowBenchmark implements AutoCloseable {

    static final String WEBSITE_APP = "wxbe0c4a4a00000f01";
    static final String OFFICIAL_ACCOUNT = "wxbe0c4a4a00000f02";
    /** The WeChat page script's interval (wechat-follow-frame.js). */
    static final long POLL_MILLIS = 1000;
    /** Pages opened at once over HTTP; not measured for latency. */
    private static final int PAGE_CONCURRENCY = 8;
    private static final String SCENE_READER = "follow-scene-reader";
    /** Blocks the pages of the heap measurement are opened in, the two kinds taking turns. */
    private static final int HEAP_ROUNDS = 4;

    private final WeChatSimulator sim;
    private final FollowSettings settings;
    private final Duration apiLatency;
    private final HeapProbe heap;
    private final ClientCallback callback;
    private final FollowRealm follow;
    private final FollowRealm plain;
    private final long started = System.nanoTime();

    /** {@code heap} may be null (a Keycloak whose JVM is not ours to probe): the heap figures are then n/a. */
    public FollowBenchmark(KeycloakRuntime keycloak, Upstreams upstreams, FollowSettings settings, String realmName,
                           Duration apiLatency, HeapProbe heap) {
        this.sim = upstreams.wechat();
        this.settings = settings;
        this.apiLatency = apiLatency;
        this.heap = heap;
        this.callback = ClientCallback.start();
        sim.addWebsiteApp(WEBSITE_APP, FollowRealm.SECRET, "localhost");
        sim.addOfficialAccount(OFFICIAL_ACCOUNT, FollowRealm.SECRET, "localhost");
        sim.addPerson(SCENE_READER, "Scene reader", null);
        this.follow = FollowRealm.create(keycloak, sim, realmName, callback.redirectUri(), WEBSITE_APP, OFFICIAL_ACCOUNT,
                true);
        this.plain = FollowRealm.create(keycloak, sim, plainRealmName(realmName), callback.redirectUri(), WEBSITE_APP,
                OFFICIAL_ACCOUNT, false);
        pushesToKeycloak();
        upstreams.apiLatency(apiLatency);
    }

    /** The realm without the switch, next to {@code realmName}. */
    public static String plainRealmName(String realmName) {
        return realmName + "-plain";
    }

    public FollowResults run() throws Exception {
        // 1. Sign-ins in Chromium, and the status requests of a page left waiting.
        progress("realms ready; starting Chromium...");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < Math.max(1, settings.warmUp()); i++) {
            people.add("follow-person-" + i);
            sim.addPerson(people.get(i), "Follower " + i, null);
        }
        Timings.Builder followSignIns = new Timings.Builder();
        Timings.Builder pushDeliveries = new Timings.Builder();
        Timings.Builder websiteSignIns = new Timings.Builder();
        Timings.Builder warmUp = new Timings.Builder();
        PollCount poll;
        try (FollowBrowser browser = new FollowBrowser(sim, follow, callback)) {
            progress("warming up (%d people's first sign-in, then each by the website QR code)...",
                    people.size());
            for (String person : people) {
                timed(warmUp, () -> browser.follow(person).toRedirectMillis()); // a new user, linked by the push
                timed(warmUp, () -> browser.website(person));
            }
            progress("%d returning sign-ins per flow in Chromium...", settings.signIns());
            for (int i = 0; i < settings.signIns(); i++) {
                String person = people.get(i % people.size());
                // The flows take turns, each first every other time.
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn + i) % 2 == 0) {
                        try {
                            FollowBrowser.FollowSignIn signIn = browser.follow(person);
                            followSignIns.add(signIn.toRedirectMillis());
                            pushDeliveries.add(signIn.pushMillis());
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            followSignIns.failed(e);
                        }
                    } else {
                        timed(websiteSignIns, () -> browser.website(person));
                    }
                }
            }
            progress("a page waits for a scan for %d s in Chromium...", settings.pollSeconds());
            poll = browser.countPolls(settings.pollSeconds());
        }

        // 3. Heap per waiting page.
        progress("heap per page, %d plain login pages and %d with the QR frame...",
                settings.pages(), settings.pages());
        FollowPages pages = new FollowPages();
        int warmUpPages = Math.min(50, Math.max(2, settings.pages() / 10));
        List<FollowPages.Waiting> warmUpWaiting = new ArrayList<>();
        requireNoErrors("warm-up plain pages", pages.openPlain(plain, warmUpPages, PAGE_CONCURRENCY));
        requireNoErrors("warm-up follow pages", pages.openFollow(follow, warmUpPages, PAGE_CONCURRENCY, warmUpWaiting));
        // In rounds, the two kinds taking turns, so that whatever else Keycloak's heap does meanwhile (entries of
        // earlier sign-ins expiring, caches filling) weighs on both alike.
        int heapRounds = Math.max(1, Math.min(HEAP_ROUNDS, settings.pages()));
        List<Timings> plainPages = new ArrayList<>();
        List<Timings> followPages = new ArrayList<>();
        List<FollowPages.Waiting> waiting = new ArrayList<>();
        Optional<Double> heapBeforePages = heap();
        // KiB per page of each block, empty without a heap probe.
        List<Double> plainBlocks = new ArrayList<>();
        List<Double> followBlocks = new ArrayList<>();
        Optional<Double> last = heapBeforePages;
        for (int round = 0; round < heapRounds; round++) {
            int count = settings.pages() / heapRounds + (round < settings.pages() % heapRounds ? 1 : 0);
            for (int turn = 0; turn < 2; turn++) {
                boolean plainTurn = (turn + round) % 2 == 0;
                (plainTurn ? plainPages : followPages).add(plainTurn ? pages.openPlain(plain, count, PAGE_CONCURRENCY)
                        : pages.openFollow(follow, count, PAGE_CONCURRENCY, waiting));
                Optional<Double> before = last;
                Optional<Double> now = heap();
                now.flatMap(n -> before.map(b -> (n - b) * 1024 / count))
                        .ifPresent((plainTurn ? plainBlocks : followBlocks)::add);
                last = now;
            }
        }
        Optional<Double> heapAfterPages = last;

        // 2. The message endpoint at a steady rate, scenes of those open pages and unknown ones.
        progress("%d pushes/s for %d s against the OpenID configuration at the same rate...",
                settings.pushRate(), settings.pushSeconds());
        Map<String, FollowPages.Waiting> byScene = new LinkedHashMap<>();
        List<PushLoad.Scene> warmUpScenes = scenes(warmUpWaiting, new LinkedHashMap<>());
        List<PushLoad.Scene> opened = scenes(waiting, byScene);
        // A tenth of the pages (50 at most) is never pushed: they must still be waiting afterwards.
        int control = opened.size() < 2 ? 0 : Math.max(1, Math.min(50, opened.size() / 10));
        List<PushLoad.Scene> realScenes = opened.subList(0, opened.size() - control);
        PushLoad load = new PushLoad(follow, FollowRealm.TOKEN, sim.originalId(OFFICIAL_ACCOUNT));
        int warmUpCount = settings.pushRate() * settings.pushWarmUpSeconds();
        load.pushes(warmUpCount, settings.pushRate(), settings.pushThreads(), warmUpScenes);
        load.wellKnown(warmUpCount, settings.pushRate(), settings.pushThreads());
        int rounds = settings.rounds();
        int perBlock = settings.pushRate() * settings.pushSeconds() / rounds;
        int realPerBlock = (perBlock + 1) / 2;
        List<Timings> pushBlocks = new ArrayList<>();
        List<Timings> wellKnownBlocks = new ArrayList<>();
        double pushSeconds = 0;
        double wellKnownSeconds = 0;
        double latestStart = 0;
        Set<String> pushedScenes = new LinkedHashSet<>();
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                if ((turn + round) % 2 == 0) {
                    List<PushLoad.Scene> blockScenes = new ArrayList<>();
                    for (int k = 0; k < realPerBlock && !realScenes.isEmpty(); k++) {
                        blockScenes.add(realScenes.get((round * realPerBlock + k) % realScenes.size()));
                    }
                    blockScenes.forEach(s -> pushedScenes.add(s.scene()));
                    OpenLoop.Outcome outcome = load.pushes(perBlock, settings.pushRate(), settings.pushThreads(), blockScenes);
                    pushBlocks.add(outcome.timings());
                    pushSeconds += outcome.seconds();
                    latestStart = Math.max(latestStart, outcome.latestStartMillis());
                } else {
                    OpenLoop.Outcome outcome = load.wellKnown(perBlock, settings.pushRate(), settings.pushThreads());
                    wellKnownBlocks.add(outcome.timings());
                    wellKnownSeconds += outcome.seconds();
                    latestStart = Math.max(latestStart, outcome.latestStartMillis());
                }
            }
        }
        progress("checking what the pages' scripts would learn now...");

        // Were the pushes acted on? Every page whose scene was pushed should say scanned; the others still wait.
        int scanned = 0;
        for (String scene : pushedScenes) {
            scanned += "scanned".equals(pages.status(byScene.get(scene))) ? 1 : 0;
        }
        int unpushedChecked = 0;
        int stillWaiting = 0;
        for (Map.Entry<String, FollowPages.Waiting> page : byScene.entrySet()) {
            if (!pushedScenes.contains(page.getKey())) {
                unpushedChecked++;
                stillWaiting += "waiting".equals(pages.status(page.getValue())) ? 1 : 0;
            }
        }
        progress("done.");
        return new FollowResults(settings, apiLatency, followSignIns.build(), pushDeliveries.build(),
                websiteSignIns.build(), warmUp.build().errors(), poll, Timings.merge(plainPages),
                Timings.merge(followPages), heapRounds, heapBeforePages, heapAfterPages, plainBlocks, followBlocks,
                Timings.merge(pushBlocks), pushSeconds, Timings.merge(wellKnownBlocks), wellKnownSeconds, latestStart,
                pushedScenes.size(), scanned, unpushedChecked, stillWaiting);
    }

    /**
     * The scenes of open pages, as WeChat would push them: each page's ticket scanned at the simulator, its push sent
     * to a message server that only answers success (so the page is still waiting), and the scene read from it.
     */
    private List<PushLoad.Scene> scenes(List<FollowPages.Waiting> waiting, Map<String, FollowPages.Waiting> byScene) {
        List<PushLoad.Scene> scenes = new ArrayList<>();
        sim.configureMessageServer(OFFICIAL_ACCOUNT, callback.messageSink(), FollowRealm.TOKEN, null, PushMode.PLAIN);
        try {
            for (FollowPages.Waiting page : waiting) {
                String body = sim.scanQrTicket(page.ticket(), SCENE_READER).lastAttempt().bodyText();
                PushLoad.Scene scene = new PushLoad.Scene(PushLoad.sceneOf(body), page.ticket());
                scenes.add(scene);
                byScene.put(scene.scene(), page);
            }
        } finally {
            pushesToKeycloak();
        }
        return scenes;
    }

    private void pushesToKeycloak() {
        sim.configureMessageServer(OFFICIAL_ACCOUNT, follow.messagesUrl(), FollowRealm.TOKEN, null, PushMode.PLAIN);
    }

    private void progress(String format, Object... values) {
        System.out.printf(Locale.ROOT, "Follow to sign in [%5.1f s]: %s%n", (System.nanoTime() - started) / 1e9,
                String.format(Locale.ROOT, format, values));
    }

    private Optional<Double> heap() {
        return heap == null ? Optional.empty() : heap.usedAfterGcMiB();
    }

    private static void requireNoErrors(String what, Timings timings) {
        if (timings.errors() > 0) {
            throw new IllegalStateException(what + ": " + timings.errors() + " failed, first: " + timings.firstError());
        }
    }

    @FunctionalInterface
    private interface TimedStep {
        double run() throws Exception;
    }

    private static void timed(Timings.Builder into, TimedStep step) throws InterruptedException {
        try {
            into.add(step.run());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            into.failed(e);
        }
    }

    @Override
    public void close() {
        callback.close();
    }
}

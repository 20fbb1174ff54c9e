package io.github.keycloakwechat.benchmark;

/**
 * What the follow-to-sign-in benchmark runs. From system properties (the {@code -Pbenchmark} profile passes them
 * through): {@code bench.follow.warmup} (10: people whose first sign-in, in Chromium, links them and warms up both
 * flows), {@code bench.follow.signIns} (50 measured sign-ins per flow in Chromium), {@code bench.follow.pollSeconds}
 * (30: how long a waiting page's status requests are counted), {@code bench.follow.pages} (1000 login pages per
 * kind for the heap), {@code bench.follow.pushRate} (50 pushes/s), {@code bench.follow.pushSeconds} (20 s of pushes, and as
 * long of the baseline), {@code bench.follow.pushWarmUpSeconds} (5) and {@code bench.follow.pushThreads} (8 senders).
 */
public record FollowSettings(int warmUp, int signIns, int pollSeconds, int pages, int pushRate, int pushSeconds,
                             int pushWarmUpSeconds, int pushThreads) {

    static FollowSettings fromSystemProperties() {
        return new FollowSettings(
                Integer.getInteger("bench.follow.warmup", 10),
                Integer.getInteger("bench.follow.signIns", 50),
                Integer.getInteger("bench.follow.pollSeconds", 30),
                Integer.getInteger("bench.follow.pages", 1000),
                Integer.getInteger("bench.follow.pushRate", 50),
                Integer.getInteger("bench.follow.pushSeconds", 20),
                Integer.getInteger("bench.follow.pushWarmUpSeconds", 5),
                Integer.getInteger("bench.follow.pushThreads", 8));
    }

    /** One of each, a second of pushes and no push warm-up: proves the benchmark still runs (CI). */
    public static FollowSettings smoke() {
        return new FollowSettings(1, 1, 2, 5, 50, 1, 0, 4);
    }

    /** Pushes and baseline requests per measured block; the two take turns block by block, 5 s each at most. */
    int rounds() {
        return Math.max(1, Math.round(pushSeconds / 5.0f));
    }
}

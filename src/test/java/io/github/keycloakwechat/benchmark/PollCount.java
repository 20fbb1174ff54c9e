package io.github.keycloakwechat.benchmark;

/**
 * The status requests a waiting login page made in a window, counted in its QR frame's resource timing (Chromium):
 * how many, over how long, their mean duration and mean transfer size (headers included) as the browser saw them.
 */
public record PollCount(int requests, double windowSeconds, double meanMillis, double meanBytes) {

    public double perMinute() {
        return requests * 60 / windowSeconds;
    }

    /** What the script's interval gives: one request, then 1 s after its answer the next. */
    public double perMinuteFromInterval(long pollMillis) {
        return 60_000 / (pollMillis + meanMillis);
    }
}

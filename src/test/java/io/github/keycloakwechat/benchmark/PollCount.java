package io.github.keycloakwechat.benchmark;

/**
 * The status requests a waiting login page made in a window, counted in its QR frame's resource timing (Chromium):
 * how many started in the window, the mean time from one's start to the next one's, their mean duration and mean
 * transfer size (headers included) as the browser saw them.
 */
public record PollCount(int requests, double windowSeconds, double meanIntervalMillis, double meanMillis,
                        double meanBytes) {

    /** Counted: the requests that started in the window, per minute of it. */
    public double perMinute() {
        return requests * 60 / windowSeconds;
    }

    /** Measured from the intervals between the requests the page made. */
    public double perMinuteFromIntervals() {
        return 60_000 / meanIntervalMillis;
    }

    /** What the script's interval gives: a request, then {@code pollMillis} after its answer the next. */
    public double perMinuteFromScript(long pollMillis) {
        return 60_000 / (pollMillis + meanMillis);
    }
}

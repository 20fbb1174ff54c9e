package io.github.keycloakwechat.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The follow-to-sign-in benchmark's results as Markdown, one table per question, each with its baseline and ratio. */
final class FollowResultsTable {

    /** The targets. */
    static final double TARGET_P95_MILLIS = 1500;
    static final double TARGET_PUSH_P99_MILLIS = 5000;

    private FollowResultsTable() {
    }

    static String render(FollowResults r) {
        StringBuilder out = new StringBuilder();
        FollowSettings s = r.settings();
        out.append(line("WeChat API latency per call: %d ms; Java %s; %d cores", r.apiLatency().toMillis(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        out.append('\n');

        out.append(line("1. Returning people in Chromium, %d sign-ins per flow (the flows taking turns; warm-up: %d people's"
                + " first sign-ins and %d website sign-ins, %d failed)", s.signIns(), Math.max(1, s.warmUp()),
                Math.max(1, s.warmUp()), r.warmUpErrors()));
        out.append('\n');
        out.append("| Flow | From → to | Sign-ins | p50 ms | p95 ms | max ms | mean ms | Errors |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        out.append(row("follow QR code", "push acknowledged → browser at redirect_uri", r.followSignIns()));
        out.append(row("website QR code", "WeChat's redirect → browser at redirect_uri", r.websiteSignIns()));
        out.append(row("(the push itself)", "simulator sends → Keycloak answers success", r.pushDeliveries()));
        out.append('\n');
        out.append(line("Follow ÷ website: p50 %.2f, p95 %.2f. Target p95 ≤ %.0f ms: %s (%.0f ms).",
                ratio(r.followSignIns(), r.websiteSignIns(), 0.50), ratio(r.followSignIns(), r.websiteSignIns(), 0.95),
                TARGET_P95_MILLIS, r.followSignIns().percentile(0.95) <= TARGET_P95_MILLIS ? "met" : "NOT met",
                r.followSignIns().percentile(0.95)));
        out.append('\n');

        out.append(line("2. The message endpoint at %d pushes/s (open loop, latency from each request's scheduled moment,"
                + " %d senders; the two kinds take turns in %d blocks each)", s.pushRate(), s.pushThreads(), s.rounds()));
        out.append('\n');
        out.append("| Requests | Sent | Seconds | p50 ms | p95 ms | p99 ms | max ms | Errors |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append(loadRow("POST …/endpoint/messages (signed scan events, half for open login pages)", r.pushes(),
                r.pushSeconds()));
        out.append(loadRow("GET …/.well-known/openid-configuration (baseline)", r.wellKnown(), r.wellKnownSeconds()));
        out.append('\n');
        double p99 = r.pushes().percentile(0.99);
        out.append(line("Pushes ÷ baseline: p50 %.2f, p99 %.2f. Target p99 well under %.0f ms (WeChat's timeout): %s"
                        + " (%.1f ms). Latest send after its scheduled moment: %.1f ms.",
                ratio(r.pushes(), r.wellKnown(), 0.50), ratio(r.pushes(), r.wellKnown(), 0.99), TARGET_PUSH_P99_MILLIS,
                p99 < TARGET_PUSH_P99_MILLIS / 5 ? "met" : p99 < TARGET_PUSH_P99_MILLIS ? "under, not well under" : "NOT met",
                p99, r.latestStartMillis()));
        out.append(line("Acted on: %d of %d open pages whose scene was pushed show \"scanned\"; %d of %d not pushed still"
                        + " \"waiting\".", r.realScenesScanned(), r.realScenesPushed(), r.unpushedStillWaiting(),
                r.unpushedChecked()));
        out.append('\n');

        PollCount poll = r.poll();
        out.append("3. An open login page waiting for a scan\n\n");
        out.append("| Measure | Per waiting page | Baseline | Ratio |\n");
        out.append("|---|---:|---:|---:|\n");
        out.append(line("| Status requests per minute, counted (Chromium: %d started in %.0f s) | %.1f | 0 (a plain"
                        + " login page makes none) | — |", poll.requests(), poll.windowSeconds(), poll.perMinute()));
        out.append(line("| Status requests per minute, from their intervals (mean %.0f ms start to start) | %.1f | 0 | — |",
                poll.meanIntervalMillis(), poll.perMinuteFromIntervals()));
        out.append(line("| Status requests per minute, from the script (%d ms after each answer; answer %.1f ms) | %.1f"
                        + " | 0 | — |", FollowBenchmark.POLL_MILLIS, poll.meanMillis(),
                poll.perMinuteFromScript(FollowBenchmark.POLL_MILLIS)));
        out.append(line("| Bytes per minute on the wire (browser's transfer size, %.0f B per request) | %.0f | 0 | — |",
                poll.meanBytes(), poll.meanBytes() * poll.perMinuteFromIntervals()));
        Optional<Double> plainKib = r.plainKibPerPage();
        Optional<Double> followKib = r.followKibPerPage();
        out.append(line("| Keycloak heap after full GC, KiB per page (%d pages of each kind in %d blocks taking turns;"
                        + " follow = login page + QR frame, baseline = plain login page) | %s | %s | %s |",
                s.pages(), r.heapRounds(), kib(followKib), kib(plainKib),
                followKib.isPresent() && plainKib.isPresent() && plainKib.get() > 0
                        ? String.format(Locale.ROOT, "%.2f", followKib.get() / plainKib.get()) : "n/a"));
        out.append(line("| The QR frame's own share (follow − baseline), KiB per page | %s | — | — |",
                kib(followKib.flatMap(f -> plainKib.map(p -> f - p)))));
        out.append('\n');
        out.append(line("Heap after full GC: %s MiB before the pages, %s MiB after them. KiB per page in each block: plain"
                        + " %s; follow %s. Opening a page over HTTP (not a target): plain p50 %.0f ms, follow (page +"
                        + " frame, with qrcode/create) p50 %.0f ms; errors %d and %d.",
                mib(r.heapBeforePages()), mib(r.heapAfterPages()), blocks(r.plainBlocksKib()), blocks(r.followBlocksKib()),
                r.plainPages().percentile(0.50), r.followPages().percentile(0.50), r.plainPages().errors(),
                r.followPages().errors()));
        for (Timings t : new Timings[] {r.followSignIns(), r.websiteSignIns(), r.pushes(), r.wellKnown(),
                r.plainPages(), r.followPages()}) {
            if (t.firstError() != null) {
                out.append("\nFirst error: ").append(t.firstError()).append('\n');
            }
        }
        return out.toString();
    }

    private static String row(String flow, String span, Timings t) {
        return line("| %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %d |", flow, span, t.count(), t.percentile(0.50),
                t.percentile(0.95), t.max(), t.mean(), t.errors());
    }

    private static String loadRow(String what, Timings t, double seconds) {
        return line("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d |", what, t.count() + t.errors(), seconds,
                t.percentile(0.50), t.percentile(0.95), t.percentile(0.99), t.max(), t.errors());
    }

    private static double ratio(Timings a, Timings b, double p) {
        return a.percentile(p) / b.percentile(p);
    }

    private static String blocks(List<Double> kib) {
        return kib.isEmpty() ? "n/a" : kib.stream().map(v -> String.format(Locale.ROOT, "%.2f", v))
                .collect(Collectors.joining(", "));
    }

    private static String mib(Optional<Double> value) {
        return value.map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("n/a");
    }

    private static String kib(Optional<Double> value) {
        return value.map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("n/a");
    }

    private static String line(String format, Object... values) {
        return String.format(Locale.ROOT, format, values) + "\n";
    }
}

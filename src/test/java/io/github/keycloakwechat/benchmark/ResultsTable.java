package io.github.keycloakwechat.benchmark;

import java.util.List;
import java.util.Locale;

/** The benchmark's results as Markdown tables: one row per phase, then WeChat ÷ GitHub per path and concurrency. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String render(List<PhaseResult> results, long apiLatencyMillis) {
        StringBuilder out = new StringBuilder();
        out.append("| Provider | Path | Concurrency | Sign-ins | Sign-ins/s | p50 ms | p95 ms | p99 ms | Upstream API calls/sign-in | Provider-added ms | Errors |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PhaseResult r : results) {
            out.append(row("| %s | %s | %d | %d | %.1f | %.0f | %.0f | %.0f | %.2f | %.1f | %d |",
                    r.provider(), r.path().label, r.concurrency(), r.signIns(), r.signInsPerSecond(),
                    r.percentile(0.50), r.percentile(0.95), r.percentile(0.99), r.apiCallsPerSignIn(),
                    r.providerAddedMillis(apiLatencyMillis), r.errors()));
        }
        out.append("\n| Path | Concurrency | Sign-ins/s WeChat ÷ GitHub | p99 WeChat ÷ GitHub | Provider-added ms WeChat − GitHub |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (PhaseResult wechat : results) {
            if (!wechat.provider().equals(BenchRealm.WECHAT)) {
                continue;
            }
            PhaseResult github = results.stream()
                    .filter(r -> r.provider().equals(BenchRealm.GITHUB) && r.path() == wechat.path()
                            && r.concurrency() == wechat.concurrency())
                    .findFirst().orElse(null);
            if (github != null) {
                out.append(row("| %s | %d | %.2f | %.2f | %+.1f |", wechat.path().label, wechat.concurrency(),
                        wechat.signInsPerSecond() / github.signInsPerSecond(),
                        wechat.percentile(0.99) / github.percentile(0.99),
                        wechat.providerAddedMillis(apiLatencyMillis) - github.providerAddedMillis(apiLatencyMillis)));
            }
        }
        out.append("\nWhere the time goes at concurrency 1 (mean ms per sign-in, as the browser sees each hop):\n\n");
        List<PhaseResult> single = results.stream().filter(r -> r.concurrency() == 1).toList();
        out.append("| Step |");
        single.forEach(r -> out.append(' ').append(r.provider()).append(' ').append(r.path().label).append(" |"));
        out.append("\n|---|");
        single.forEach(r -> out.append("---:|"));
        out.append('\n');
        for (SignInSteps.Step step : SignInSteps.Step.values()) {
            out.append("| ").append(step.label).append(" |");
            single.forEach(r -> out.append(String.format(Locale.ROOT, " %.1f |", r.steps().meanMillis(step))));
            out.append('\n');
        }
        results.stream().filter(r -> r.firstError() != null)
                .forEach(r -> out.append("\nFirst error of ").append(r.provider()).append(' ').append(r.path().label)
                        .append(" @").append(r.concurrency()).append(": ").append(r.firstError()).append('\n'));
        return out.toString();
    }

    private static String row(String format, Object... values) {
        return String.format(Locale.ROOT, format, values) + "\n";
    }
}

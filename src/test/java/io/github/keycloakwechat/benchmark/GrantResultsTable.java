package io.github.keycloakwechat.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The grant benchmark's results as Markdown: one row per grant, latency and concurrency, then the ratios. */
final class GrantResultsTable {

    private GrantResultsTable() {
    }

    private static PhaseResult same(List<PhaseResult> rows, String grant, int concurrency) {
        return rows.stream().filter(r -> r.provider().equals(grant) && r.concurrency() == concurrency)
                .findFirst().orElse(null);
    }

    static String render(Map<Long, List<PhaseResult>> results) {
        StringBuilder out = new StringBuilder();
        out.append("| Grant | WeChat API latency ms | Concurrency | Requests | Tokens/s | p50 ms | p95 ms | p99 ms | WeChat calls/request | Errors |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((latency, rows) -> rows.forEach(r -> out.append(String.format(Locale.ROOT,
                "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %d |%n", r.provider(), latency,
                r.concurrency(), r.signIns(), r.signInsPerSecond(), r.percentile(0.50), r.percentile(0.95),
                r.percentile(0.99), r.apiCallsPerSignIn(), r.errors()))));
        out.append("\n| WeChat API latency ms | Concurrency | Tokens/s code grant ÷ client_credentials"
                + " | Tokens/s code grant ÷ client_credentials with refresh token"
                + " | Tokens/s client_credentials with refresh token ÷ client_credentials"
                + " | Provider-added ms per sign-in |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((latency, rows) -> {
            for (PhaseResult grant : rows) {
                if (!grant.provider().equals(GrantBenchmark.CODE_GRANT)) {
                    continue;
                }
                PhaseResult floor = same(rows, GrantBenchmark.CLIENT_CREDENTIALS, grant.concurrency());
                PhaseResult withSession = same(rows, GrantBenchmark.CLIENT_CREDENTIALS_WITH_SESSION, grant.concurrency());
                if (floor != null && withSession != null) {
                    out.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.1f |%n", latency,
                            grant.concurrency(), grant.signInsPerSecond() / floor.signInsPerSecond(),
                            grant.signInsPerSecond() / withSession.signInsPerSecond(),
                            // What keeping a session alone costs Keycloak: where a grant that adds nothing else would be.
                            withSession.signInsPerSecond() / floor.signInsPerSecond(),
                            // Beyond a Keycloak token with the same session work, and WeChat's own time.
                            grant.meanMillis() - withSession.meanMillis() - grant.apiCallsPerSignIn() * latency));
                }
            }
        });
        results.values().stream().flatMap(List::stream).filter(r -> r.firstError() != null)
                .forEach(r -> out.append("\nFirst error of ").append(r.provider()).append(" @").append(r.concurrency())
                        .append(": ").append(r.firstError()).append('\n'));
        return out.toString();
    }
}

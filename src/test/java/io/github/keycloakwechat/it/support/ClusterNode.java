package io.github.keycloakwechat.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Keycloak of a {@link KeycloakCluster}: a production-mode server ({@code kc.sh start --optimized}) in its own
 * copy of the built distribution, on its own HTTP, management and JGroups ports.
 */
public final class ClusterNode extends KeycloakProcess {

    /** Infinispan's line for each membership change, e.g. {@code ISPN000094: ... [node-b(v=16.0.12)|1] (2) [node-b(…), node-a(…)]}. */
    private static final Pattern CLUSTER_VIEW =
            Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^\\]]*\\] \\((\\d+)\\) \\[([^\\]]*)\\]");
    /** Longer than a single dev-mode Keycloak's: a graceful shutdown hands this node's cache entries to the others. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    ClusterNode(String name, Path home, int httpPort, int managementPort, Path logFile) {
        super(name, home, httpPort, managementPort, logFile, STOP_GRACE);
    }

    /** Starts {@code kc.sh start --optimized}; returns at once (see {@link #awaitReady}). */
    void launch(List<String> options, Map<String, String> environment) {
        launch(List.of("start", "--optimized"), options, environment);
    }

    /** Nor the developer's JAVA_OPTS*: {@link KeycloakCluster} sizes each node's heap, as two share the machine. */
    @Override
    boolean inherits(String variable) {
        return super.inherits(variable) && !variable.startsWith("JAVA_OPTS");
    }

    /**
     * The node names in the latest cluster view this node logged (Infinispan's ISPN000094 line), e.g.
     * {@code [node-b, node-a]}; empty before the first view.
     */
    public List<String> clusterMembers() {
        Matcher view = CLUSTER_VIEW.matcher(serverLog());
        List<String> members = List.of();
        while (view.find()) {
            // Members read "node-a(v=16.0.12)": the node name, then the Infinispan version.
            members = Stream.of(view.group(2).split(",\\s*")).map(member -> member.replaceFirst("\\(.*\\)$", "")).toList();
        }
        return members;
    }

    /** Every ISPN000094 line this node logged, for messages and the report. */
    public List<String> clusterViewLines() {
        return serverLog().lines().filter(line -> line.contains("ISPN000094")).toList();
    }

    @Override
    public void putVaultFile(String fileName, String value) {
        throw new UnsupportedOperationException("The cluster nodes run without a vault");
    }
}

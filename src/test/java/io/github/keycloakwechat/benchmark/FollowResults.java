package io.github.keycloakwechat.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the follow-to-sign-in benchmark measured (latencies in ms, heap in MiB after a full GC, empty where no heap
 * probe was available).
 *
 * @param followSignIns from the push's acknowledgement to the browser at the client's redirect_uri
 * @param pushDeliveries how long the simulator's push took, from sending it to WeChat's hearing {@code success}
 * @param websiteSignIns from WeChat's redirect to Keycloak's callback to the browser at the redirect_uri
 * @param warmUpErrors sign-ins of the warm-up that failed (first sign-ins and website sign-ins)
 * @param plainPages opening a plain login page over HTTP; {@code followPages} the same with its QR frame
 * @param heapRounds the blocks the pages were opened in, the two kinds taking turns, a heap reading after each
 * @param plainBlocksKib the heap's growth per page over each block of plain pages, in KiB (empty without a heap
 *        probe); {@code followBlocksKib} the same for the follow pages
 * @param pushes the message endpoint under the push load, from each push's scheduled moment
 * @param wellKnown the baseline at the same schedule
 * @param latestStartMillis how late any request of the open loads was sent after its scheduled moment
 * @param realScenesPushed distinct open login pages whose scene a push named; {@code realScenesScanned} of them
 *        show {@code scanned} afterwards, {@code unpushedStillWaiting} of {@code unpushedChecked} not pushed still
 *        {@code waiting}
 */
public record FollowResults(FollowSettings settings, Duration apiLatency,
                            Timings followSignIns, Timings pushDeliveries, Timings websiteSignIns, int warmUpErrors,
                            PollCount poll,
                            Timings plainPages, Timings followPages, int heapRounds, Optional<Double> heapBeforePages,
                            Optional<Double> heapAfterPages, List<Double> plainBlocksKib,
                            List<Double> followBlocksKib,
                            Timings pushes, double pushSeconds, Timings wellKnown, double wellKnownSeconds,
                            double latestStartMillis, int realScenesPushed, int realScenesScanned,
                            int unpushedChecked, int unpushedStillWaiting) {

    /** KiB per plain page over all its blocks (the blocks differ in size by one page at most). */
    public Optional<Double> plainKibPerPage() {
        return mean(plainBlocksKib);
    }

    public Optional<Double> followKibPerPage() {
        return mean(followBlocksKib);
    }

    private static Optional<Double> mean(List<Double> values) {
        return values.isEmpty() ? Optional.empty()
                : Optional.of(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }
}

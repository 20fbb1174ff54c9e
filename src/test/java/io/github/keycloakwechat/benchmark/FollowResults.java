package io.github.keycloakwechat.benchmark;

import java.time.Duration;
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
                            Timings plainPages, Timings followPages, Optional<Double> heapBeforePlain,
                            Optional<Double> heapAfterPlain, Optional<Double> heapAfterFollow,
                            Timings pushes, double pushSeconds, Timings wellKnown, double wellKnownSeconds,
                            double latestStartMillis, int realScenesPushed, int realScenesScanned,
                            int unpushedChecked, int unpushedStillWaiting, int pushesSent,
                            Optional<Double> heapBeforePushes, Optional<Double> heapAfterPushes) {

    /** KiB of heap per page between two heap readings, if both were taken. */
    static Optional<Double> kibPerPage(Optional<Double> before, Optional<Double> after, int pages) {
        return before.isPresent() && after.isPresent() && pages > 0
                ? Optional.of((after.get() - before.get()) * 1024 / pages) : Optional.empty();
    }

    public Optional<Double> plainKibPerPage() {
        return kibPerPage(heapBeforePlain, heapAfterPlain, settings.pages());
    }

    public Optional<Double> followKibPerPage() {
        return kibPerPage(heapAfterPlain, heapAfterFollow, settings.pages());
    }
}

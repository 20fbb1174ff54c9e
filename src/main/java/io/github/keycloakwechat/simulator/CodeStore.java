package io.github.keycloakwechat.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Authorisation codes (protocol reference §1.3): single use, bound to the issuing AppID, expiring.
 * Redemption is atomic, so two concurrent exchanges of one code give exactly one success and one 40163.
 */
final class CodeStore {

    /** What a code stands for. {@code scope} is what the token response will report. */
    record IssuedCode(String code, String appId, String personId, String scope, boolean snapshot, long expiresAt) {
    }

    enum Status { OK, INVALID, USED }

    record Redemption(Status status, IssuedCode code) {
    }

    private static final class Entry {
        final IssuedCode code;
        boolean used;

        Entry(IssuedCode code) {
            this.code = code;
        }
    }

    private final Map<String, Entry> codes = new HashMap<>();
    private final SimClock clock;

    CodeStore(SimClock clock) {
        this.clock = clock;
    }

    synchronized IssuedCode issue(String appId, String personId, String scope, boolean snapshot, Duration ttl) {
        purgeExpired();
        String code;
        do {
            code = Identifiers.code();
        } while (codes.containsKey(code));
        IssuedCode issued = new IssuedCode(code, appId, personId, scope, snapshot, clock.millis() + ttl.toMillis());
        codes.put(code, new Entry(issued));
        return issued;
    }

    /**
     * Unknown, expired or another AppID's code: INVALID (40029), and the code stays usable by its own app.
     * Already exchanged: USED (40163) until it expires.
     */
    synchronized Redemption redeem(String code, String appId) {
        Entry entry = codes.get(code);
        if (entry == null || clock.millis() >= entry.code.expiresAt() || !entry.code.appId().equals(appId)) {
            return new Redemption(Status.INVALID, null);
        }
        if (entry.used) {
            return new Redemption(Status.USED, entry.code);
        }
        entry.used = true;
        return new Redemption(Status.OK, entry.code);
    }

    synchronized int size() {
        return codes.size();
    }

    synchronized void clear() {
        codes.clear();
    }

    private void purgeExpired() {
        long now = clock.millis();
        for (Iterator<Entry> it = codes.values().iterator(); it.hasNext(); ) {
            if (now >= it.next().code.expiresAt()) {
                it.remove();
            }
        }
    }
}

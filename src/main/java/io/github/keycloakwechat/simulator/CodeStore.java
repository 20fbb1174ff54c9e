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

    /**
     * Where a code can be redeemed. WeChat's kinds of code are not interchangeable: one presented elsewhere is as
     * unknown there as a made-up one (40029).
     */
    enum Use {
        /** {@code /sns/oauth2/access_token}: website, Official Account and mobile-app codes (§1.3, §6.2). */
        OAUTH,
        /** {@code /sns/jscode2session}: what a mini program's {@code wx.login()} gives (§6). */
        JS_LOGIN,
        /** {@code /wxa/business/getuserphonenumber}: what a {@code getPhoneNumber} button gives (§6.1). */
        PHONE
    }

    /** What a code stands for. {@code scope} is what the token response will report (null for mini-program codes). */
    record IssuedCode(String code, Use use, String appId, String personId, String scope, boolean snapshot, long expiresAt) {
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

    synchronized IssuedCode issue(Use use, String appId, String personId, String scope, boolean snapshot, Duration ttl) {
        purgeExpired();
        String code;
        do {
            code = Identifiers.code();
        } while (codes.containsKey(code));
        IssuedCode issued = new IssuedCode(code, use, appId, personId, scope, snapshot, clock.millis() + ttl.toMillis());
        codes.put(code, new Entry(issued));
        return issued;
    }

    /**
     * Unknown, expired, another AppID's code or one for another use: INVALID (40029), and the code stays usable by
     * its own app where it belongs. Already exchanged: USED (40163) until it expires.
     */
    synchronized Redemption redeem(String code, String appId, Use use) {
        Entry entry = codes.get(code);
        if (entry == null || clock.millis() >= entry.code.expiresAt() || !entry.code.appId().equals(appId)
                || entry.code.use() != use) {
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

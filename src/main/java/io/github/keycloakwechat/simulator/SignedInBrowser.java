package io.github.keycloakwechat.simulator;

/**
 * A browser that says who is signed in at WeChat: the {@value #COOKIE} cookie on the simulator's host. With
 * {@link WeChatSimulator#signedInBrowsers(boolean)} on, WeChat's QR page completes at once for that person, as if
 * they had scanned and confirmed. Benchmarks use it to sign in many people concurrently without scripting scans.
 */
final class SignedInBrowser {

    static final String COOKIE = "sim_person";

    private SignedInBrowser() {
    }

    /** The registered person this browser is signed in as, or null (no cookie, or an unknown person). */
    static String personId(SimContext ctx, Request r) {
        String personId = r.cookie(COOKIE);
        return personId != null && ctx.people.get(personId) != null ? personId : null;
    }
}

package io.github.keycloakwechat.simulator;

/**
 * A browser that says who is signed in at the upstream: the {@value #COOKIE} cookie on the simulator's host.
 * GitHub answers an authorize request of a signed-in person who already authorised the app with an immediate
 * redirect (its authorize page always reads this cookie); with {@link WeChatSimulator#signedInBrowsers(boolean)}
 * on, WeChat's QR page does the same, as if the person had scanned and confirmed at once. Benchmarks use it to sign in many people concurrently without
 * scripting scans.
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

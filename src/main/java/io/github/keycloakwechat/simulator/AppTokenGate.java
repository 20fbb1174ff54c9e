package io.github.keycloakwechat.simulator;

import java.util.function.Function;

/**
 * The app access token on a {@code cgi-bin} or {@code wxa} call (§7.1), checked in WeChat's order: present (41001),
 * known (40001: unknown, invalidated or replaced), not expired (42001), and an app of the kind the API is for
 * (48001, not permitted).
 */
final class AppTokenGate {

    /** The app the token names, or the answer that refuses the call (exactly one is null). */
    record Outcome(SimApp app, Reply refusal) {
    }

    /** A call's work once the token has named the app. */
    interface AppCall {
        Reply handle(Request r, SimApp app);
    }

    private AppTokenGate() {
    }

    /** A handler that runs {@code call} for the app the token names, after {@link #checkPost} or {@link #check}. */
    static Function<Request, Reply> calledBy(SimContext ctx, AppKind kind, boolean postOnly, AppCall call) {
        return r -> {
            Outcome caller = postOnly ? checkPost(ctx, r, kind) : check(ctx, r, kind);
            return caller.refusal() != null ? caller.refusal() : call.handle(r, caller.app());
        };
    }

    /** A call that takes a JSON body: anything but a POST is refused first (43002), then the token is checked. */
    static Outcome checkPost(SimContext ctx, Request r, AppKind kind) {
        Reply notPost = ApiChecks.postOnly(r);
        return notPost != null ? new Outcome(null, notPost) : check(ctx, r, kind);
    }

    static Outcome check(SimContext ctx, Request r, AppKind kind) {
        String accessToken = r.query("access_token");
        if (ApiChecks.blank(accessToken)) {
            return refused(41001);
        }
        AppTokens.AppToken token = ctx.appTokens.find(accessToken);
        if (token == null) {
            return refused(40001);
        }
        if (ctx.clock.millis() >= token.expiresAt()) {
            return refused(42001);
        }
        SimApp app = ctx.apps.get(token.appId());
        if (app == null || app.kind() != kind) {
            return refused(48001);
        }
        return new Outcome(app, null);
    }

    private static Outcome refused(int errcode) {
        return new Outcome(null, ApiChecks.error(errcode));
    }
}

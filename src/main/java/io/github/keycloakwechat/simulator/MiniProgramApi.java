package io.github.keycloakwechat.simulator;

/**
 * A mini program's server-side calls: {@code /sns/jscode2session} (§6). Errors are HTTP 200
 * {@code {"errcode","errmsg"}}; the jscode2session success carries no errcode, as captured answers show (§0).
 */
final class MiniProgramApi {

    private final SimContext ctx;

    MiniProgramApi(SimContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code GET /sns/jscode2session} (§6): {@code session_key}, {@code openid}, and {@code unionid} when the mini
     * program is bound to an Open Platform account (no consent needed). An AppID of another kind of app is as
     * unknown here as a made-up one (40013).
     */
    Reply jscode2session(Request r) {
        SimApp app = miniProgram(r.param("appid"));
        Reply rejected = ApiChecks.appCall(r::param, app, "authorization_code", "appid", "secret", "js_code");
        if (rejected != null) {
            return rejected;
        }
        if (!app.secret().equals(r.param("secret"))) {
            return ApiChecks.error(40125);
        }
        CodeStore.Redemption redemption = ctx.codes.redeem(r.param("js_code"), app.appId(), CodeStore.Use.JS_LOGIN);
        if (redemption.status() == CodeStore.Status.INVALID) {
            return ApiChecks.error(40029);
        }
        if (redemption.status() == CodeStore.Status.USED) {
            return ApiChecks.error(40163);
        }
        String personId = redemption.code().personId();
        JsonObject body = new JsonObject()
                .put("session_key", Identifiers.sessionKey())
                .put("openid", ctx.ids.openid(app.appId(), personId));
        String unionid = ctx.unionid(app, personId);
        if (unionid != null) {
            body.put("unionid", unionid);
        }
        return Reply.api(body);
    }

    private SimApp miniProgram(String appId) {
        SimApp app = ctx.apps.get(appId);
        return app != null && app.kind() == AppKind.MINI_PROGRAM ? app : null;
    }
}

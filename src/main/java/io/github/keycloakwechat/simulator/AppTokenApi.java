package io.github.keycloakwechat.simulator;

import java.util.Map;
import java.util.function.Function;

/**
 * The app access token endpoints (§7.1): {@code POST /cgi-bin/stable_token} (JSON body only) and
 * {@code GET /cgi-bin/token}. Success is {@code {"access_token","expires_in"}} without errcode (§0); any registered
 * app with a secret may call them.
 */
final class AppTokenApi {

    static final String GRANT_TYPE = "client_credential";

    private final SimContext ctx;

    AppTokenApi(SimContext ctx) {
        this.ctx = ctx;
    }

    /** {@code POST /cgi-bin/stable_token} with {@code {"grant_type","appid","secret","force_refresh"}}. */
    Reply stableToken(Request r) {
        Reply notPost = ApiChecks.postOnly(r);
        if (notPost != null) {
            return notPost;
        }
        // A form POST or query parameters instead of JSON: the body is not what WeChat parses.
        Map<String, Object> body = ApiChecks.jsonBody(r);
        if (body == null) {
            return ApiChecks.error(47001);
        }
        Function<String, String> field = name -> body.get(name) == null ? null : String.valueOf(body.get(name));
        SimApp app = ctx.apps.get(field.apply("appid"));
        Reply rejected = checkApp(field, app);
        if (rejected != null) {
            return rejected;
        }
        return answer(ctx.appTokens.stable(app.appId(), Boolean.TRUE.equals(body.get("force_refresh"))));
    }

    /** {@code GET /cgi-bin/token?grant_type=client_credential&appid=&secret=}: a new token on every call. */
    Reply token(Request r) {
        SimApp app = ctx.apps.get(r.param("appid"));
        Reply rejected = checkApp(r::param, app);
        return rejected != null ? rejected : answer(ctx.appTokens.classic(app.appId()));
    }

    /** Parameters, grant_type and appid as on every call with an AppID, then the secret (40125). */
    private static Reply checkApp(Function<String, String> param, SimApp app) {
        Reply rejected = ApiChecks.appCall(param, app, GRANT_TYPE, "appid", "secret");
        if (rejected != null) {
            return rejected;
        }
        return app.secret().equals(param.apply("secret")) ? null : ApiChecks.error(40125);
    }

    private static Reply answer(AppTokens.Issued issued) {
        if (issued.overQuota()) {
            return ApiChecks.error(45009);
        }
        return Reply.api(new JsonObject().put("access_token", issued.token().token()).put("expires_in", issued.expiresInSeconds()));
    }
}

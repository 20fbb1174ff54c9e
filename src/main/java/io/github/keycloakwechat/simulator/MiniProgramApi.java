package io.github.keycloakwechat.simulator;

import java.util.Map;

/**
 * A mini program's server-side calls: {@code /sns/jscode2session} (§6) and {@code /wxa/business/getuserphonenumber}
 * (§6.1). Errors are HTTP 200 {@code {"errcode","errmsg"}}; the jscode2session success carries no errcode, as
 * captured answers show (§0), the phone number's success {@code "errcode":0}, as documented.
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

    /**
     * {@code POST /wxa/business/getuserphonenumber?access_token=…} with {@code {"code":"…"}} (§6.1). The app access
     * token names the mini program; a phone code of another app is unknown to it (40029), and so is a used one (the
     * reference lists no 40163 here). Another kind of app's token is refused as not permitted (48001).
     */
    Reply phoneNumber(Request r) {
        AppTokenGate.Outcome caller = AppTokenGate.checkPost(ctx, r, AppKind.MINI_PROGRAM);
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        SimApp app = caller.app();
        Map<String, Object> body = ApiChecks.jsonBody(r);
        if (body == null) {
            return ApiChecks.error(47001);
        }
        Object code = body.get("code");
        if (!(code instanceof String) || ((String) code).isEmpty()) {
            return ApiChecks.error(41008);
        }
        CodeStore.Redemption redemption = ctx.codes.redeem((String) code, app.appId(), CodeStore.Use.PHONE);
        SimPerson person = redemption.status() == CodeStore.Status.OK ? ctx.people.get(redemption.code().personId()) : null;
        SimPerson.Phone phone = person == null ? null : person.boundPhone();
        if (phone == null) {
            return ApiChecks.error(40029);
        }
        return Reply.api(ErrorCodes.ok().put("phone_info", phoneInfo(phone, app)));
    }

    /**
     * WeChat's {@code phone_info}: {@code phoneNumber} carries the country code only for numbers outside mainland
     * China ({@code "+1 4155550100"}), {@code purePhoneNumber} never; the watermark names the mini program.
     */
    private JsonObject phoneInfo(SimPerson.Phone phone, SimApp app) {
        boolean china = phone.countryCode().equals("86");
        Object countryCode = ctx.settings.phoneCountryCodeAsNumber ? (Object) Long.parseLong(phone.countryCode()) : phone.countryCode();
        return new JsonObject()
                .put("phoneNumber", china ? phone.purePhoneNumber() : "+" + phone.countryCode() + " " + phone.purePhoneNumber())
                .put("purePhoneNumber", phone.purePhoneNumber())
                .put("countryCode", countryCode)
                .put("watermark", new JsonObject()
                        .put("timestamp", ctx.clock.millis() / 1000)
                        .put("appid", app.appId()));
    }

    private SimApp miniProgram(String appId) {
        SimApp app = ctx.apps.get(appId);
        return app != null && app.kind() == AppKind.MINI_PROGRAM ? app : null;
    }
}

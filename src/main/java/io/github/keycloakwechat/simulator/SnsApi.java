package io.github.keycloakwechat.simulator;

import java.util.List;

/**
 * The {@code api.weixin.qq.com/sns/*} endpoints (§2, §3): errors are HTTP 200 {@code {"errcode","errmsg"}},
 * successes carry no errcode (except {@code /sns/auth}). Parameters come from the query or a form body.
 */
final class SnsApi {

    private final SimContext ctx;

    SnsApi(SimContext ctx) {
        this.ctx = ctx;
    }

    /** {@code /sns/oauth2/access_token} (§2.1). */
    Reply accessToken(Request r) {
        String appId = r.param("appid");
        String secret = r.param("secret");
        String code = r.param("code");
        if (blank(appId)) {
            return error(41002);
        }
        if (blank(secret)) {
            return error(41004);
        }
        if (blank(code)) {
            return error(41008);
        }
        if (!"authorization_code".equals(r.param("grant_type"))) {
            return error(40002);
        }
        SimApp app = ctx.apps.get(appId);
        if (app == null) {
            return error(40013);
        }
        if (!app.secret().equals(secret)) {
            return error(40125);
        }
        CodeStore.Redemption redemption = ctx.codes.redeem(code, appId);
        if (redemption.status() == CodeStore.Status.INVALID) {
            return error(40029);
        }
        if (redemption.status() == CodeStore.Status.USED) {
            return error(40163);
        }
        CodeStore.IssuedCode issued = redemption.code();
        String openid;
        String unionid;
        if (issued.snapshot()) {
            // A snapshot-page virtual account: ids unrelated to the person's real ones (§4.4).
            openid = Identifiers.throwawayId();
            unionid = app.bound() ? Identifiers.throwawayId() : null;
        } else {
            openid = ctx.ids.openid(appId, issued.personId());
            unionid = unionidInTokenResponse(app, issued) ? ctx.unionid(app, issued.personId()) : null;
        }
        TokenStore.Grant grant = ctx.tokens.issue(issued, openid, unionid,
                ctx.settings.accessTokenTtl, ctx.settings.refreshTokenTtl);
        JsonObject body = tokenBody(grant);
        if (issued.snapshot()) {
            body.put("is_snapshotuser", 1);
        }
        if (unionid != null) {
            body.put("unionid", unionid);
        }
        return Reply.api(body);
    }

    /** {@code /sns/oauth2/refresh_token} (§2.2): no secret; same shape minus unionid/is_snapshotuser. */
    Reply refreshToken(Request r) {
        String appId = r.param("appid");
        String refreshToken = r.param("refresh_token");
        if (blank(appId)) {
            return error(41002);
        }
        if (blank(refreshToken)) {
            return error(41003);
        }
        if (!"refresh_token".equals(r.param("grant_type"))) {
            return error(40002);
        }
        if (ctx.apps.get(appId) == null) {
            return error(40013);
        }
        TokenStore.Refresh refresh = ctx.tokens.refresh(refreshToken, appId, ctx.settings.accessTokenTtl);
        if (refresh.status() == TokenStore.RefreshStatus.INVALID) {
            return error(40030);
        }
        if (refresh.status() == TokenStore.RefreshStatus.EXPIRED) {
            return error(42002);
        }
        return Reply.api(tokenBody(refresh.grant()));
    }

    /** {@code /sns/userinfo} (§3): exactly the shape and key order captured from the real server. */
    Reply userinfo(Request r) {
        String accessToken = r.param("access_token");
        String openid = r.param("openid");
        if (blank(accessToken)) {
            return error(41001);
        }
        if (blank(openid)) {
            return error(41009);
        }
        TokenStore.Grant grant = ctx.tokens.byAccessToken(accessToken);
        if (grant == null) {
            return error(40001);
        }
        if (expired(grant)) {
            return error(42001);
        }
        if (!grant.openid().equals(openid)) {
            return error(40003);
        }
        if (grant.snapshot() || OaAuthorizeHandler.BASE.equals(grant.scope())) {
            return error(48001);
        }
        SimPerson person = ctx.people.require(grant.personId());
        JsonObject body = new JsonObject()
                .put("openid", grant.openid())
                .put("nickname", person.nickname())
                .put("sex", 0)
                .put("language", "")
                .put("city", "")
                .put("province", "")
                .put("country", "")
                .put("headimgurl", person.avatarUrl())
                .put("privilege", List.of());
        if (grant.unionid() != null) {
            body.put("unionid", grant.unionid());
        }
        return Reply.api(body);
    }

    /** {@code /sns/auth} (§2.3): the one /sns success that carries {@code errcode:0}. */
    Reply auth(Request r) {
        String accessToken = r.param("access_token");
        String openid = r.param("openid");
        if (blank(accessToken)) {
            return error(41001);
        }
        if (blank(openid)) {
            return error(41009);
        }
        TokenStore.Grant grant = ctx.tokens.byAccessToken(accessToken);
        if (grant == null) {
            return error(40014);
        }
        if (expired(grant)) {
            return error(42001);
        }
        if (!grant.openid().equals(openid)) {
            return error(40003);
        }
        return Reply.api(ErrorCodes.ok());
    }

    /**
     * Website apps: whenever bound. Official Accounts: for snsapi_userinfo, and for snsapi_base only once the
     * person has granted snsapi_userinfo to that account (community reports, §2.1).
     */
    private boolean unionidInTokenResponse(SimApp app, CodeStore.IssuedCode code) {
        if (!app.bound()) {
            return false;
        }
        if (app.kind() == AppKind.WEBSITE || OaAuthorizeHandler.USERINFO.equals(code.scope())) {
            return true;
        }
        return ctx.grants.has(code.personId(), app.appId());
    }

    private JsonObject tokenBody(TokenStore.Grant grant) {
        return new JsonObject()
                .put("access_token", grant.accessToken())
                .put("expires_in", ctx.settings.accessTokenTtl.toSeconds())
                .put("refresh_token", grant.refreshToken())
                .put("openid", grant.openid())
                .put("scope", grant.scope());
    }

    private boolean expired(TokenStore.Grant grant) {
        return ctx.clock.millis() >= grant.accessExpiresAt();
    }

    private static Reply error(int errcode) {
        return Reply.api(ErrorCodes.error(errcode));
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}

package io.github.keycloakwechat.simulator;

import java.util.List;

/**
 * The {@code api.weixin.qq.com/sns/*} endpoints (§2, §3): errors are HTTP 200 {@code {"errcode","errmsg"}},
 * successes carry no errcode (except {@code /sns/auth}). Parameters come from the query (WeChat documents GET), or
 * from a form body on the code exchange, the one call known to take a form POST too (§0).
 */
final class SnsApi {

    private final SimContext ctx;

    SnsApi(SimContext ctx) {
        this.ctx = ctx;
    }

    /** {@code /sns/oauth2/access_token} (§2.1). */
    Reply accessToken(Request r) {
        SimApp app = ctx.apps.get(r.param("appid"));
        Reply rejected = ApiChecks.appCall(r::param, app, "authorization_code", "appid", "secret", "code");
        if (rejected != null) {
            return rejected;
        }
        if (!app.secret().equals(r.param("secret"))) {
            return error(40125);
        }
        CodeStore.Redemption redemption = ctx.codes.redeem(r.param("code"), app.appId(), CodeStore.Use.OAUTH);
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
            openid = ctx.ids.openid(app.appId(), issued.personId());
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
        Reply rejected = ApiChecks.appCall(r::param, ctx.apps.get(r.param("appid")), "refresh_token", "appid", "refresh_token");
        if (rejected != null) {
            return rejected;
        }
        TokenStore.Refresh refresh = ctx.tokens.refresh(r.param("refresh_token"), r.param("appid"), ctx.settings.accessTokenTtl);
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
        TokenStore.Grant grant = ctx.tokens.byAccessToken(r.param("access_token"));
        Reply rejected = checkUserCall(r, grant, 40001);
        if (rejected != null) {
            return rejected;
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
        Reply rejected = checkUserCall(r, ctx.tokens.byAccessToken(r.param("access_token")), 40014);
        return rejected != null ? rejected : Reply.api(ErrorCodes.ok());
    }

    /**
     * What the two calls with a user access token check first, in WeChat's order: access_token and openid
     * present, the token known (an unknown one is 40001 on userinfo but 40014 on auth), not expired, and
     * issued to that openid ({@code grant} is the token's lookup). Null when the call may go on.
     */
    private Reply checkUserCall(Request r, TokenStore.Grant grant, int unknownTokenErrcode) {
        Reply missing = ApiChecks.missing(r::param, "access_token", "openid");
        if (missing != null) {
            return missing;
        }
        if (grant == null) {
            return error(unknownTokenErrcode);
        }
        if (expired(grant)) {
            return error(42001);
        }
        if (!grant.openid().equals(r.param("openid"))) {
            return error(40003);
        }
        return null;
    }

    /**
     * Website and mobile apps: whenever bound (§6.2, §9). Official Accounts: for snsapi_userinfo, and for snsapi_base
     * only once the person has granted snsapi_userinfo to that account (community reports, §2.1).
     */
    private boolean unionidInTokenResponse(SimApp app, CodeStore.IssuedCode code) {
        if (!app.bound()) {
            return false;
        }
        if (app.kind() != AppKind.OFFICIAL_ACCOUNT || OaAuthorizeHandler.USERINFO.equals(code.scope())) {
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
        return ApiChecks.error(errcode);
    }
}

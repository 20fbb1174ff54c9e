package io.github.keycloakwechat.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /connect/oauth2/authorize} (Official Account web authorisation, §4.1) and the simulator's own
 * {@code POST /connect/oauth2/authorize/confirm}, which stands in for the consent popup's buttons.
 */
final class OaAuthorizeHandler {

    static final String BASE = "snsapi_base";
    static final String USERINFO = "snsapi_userinfo";
    static final List<String> DOCUMENTED_ORDER = List.of("appid", "redirect_uri", "response_type", "scope", "state");

    private final SimContext ctx;

    OaAuthorizeHandler(SimContext ctx) {
        this.ctx = ctx;
    }

    Reply authorize(Request r) {
        // The real server first bounces the URL to itself with connect_redirect=1.
        if (!"1".equals(r.query("connect_redirect"))) {
            String query = r.rawQuery == null || r.rawQuery.isEmpty() ? "" : r.rawQuery + "&";
            return Reply.redirect(301, SimEndpoint.OA_AUTHORIZE.path() + "?" + query + "connect_redirect=1");
        }
        if (!r.userAgent().toLowerCase(Locale.ROOT).contains("micromessenger")) {
            return page(ErrorPages.openInWeChat());
        }
        if (ctx.settings.enforceParamOrder) {
            List<String> names = r.queryNames();
            if (names.size() < DOCUMENTED_ORDER.size() || !names.subList(0, DOCUMENTED_ORDER.size()).equals(DOCUMENTED_ORDER)) {
                return page(ErrorPages.paramOrder("parameters must start with appid, redirect_uri, response_type, scope, state"
                        + " in that order; got " + names));
            }
        }
        String appId = r.query("appid");
        if (blank(appId)) {
            return oaError(10012, "appid is empty");
        }
        SimApp app = ctx.apps.get(appId);
        if (app == null) {
            return oaError(40013, "unknown appid " + appId);
        }
        if (app.kind() != AppKind.OFFICIAL_ACCOUNT) {
            // 10016 names Open Platform AppIDs; a mini program's gets the same refusal here (no page of its own is known).
            return oaError(10016, appId + " is " + app.kind().description() + ", not an Official Account");
        }
        String redirectUri = r.query("redirect_uri");
        if (blank(redirectUri)) {
            return oaError(10011, "redirect_uri is empty");
        }
        URI redirect = CallbackUrls.parse(redirectUri);
        if (redirect == null || !CallbackUrls.hostMatches(redirect, app.callbackDomain())) {
            return oaError(10003, "redirect_uri host is not the web-authorisation domain " + app.callbackDomain());
        }
        if (redirect.getPort() != -1 && !ctx.settings.allowPortInOaRedirect) {
            return oaError(10003, "redirect_uri carries a port (" + redirect.getPort() + "); web-authorisation domains cannot");
        }
        String scope = r.query("scope");
        if (blank(scope)) {
            return oaError(10010, "scope is empty");
        }
        if (!BASE.equals(scope) && !USERINFO.equals(scope)) {
            return oaError(10005, "scope must be snsapi_base or snsapi_userinfo, got " + scope);
        }
        if (!"code".equals(r.query("response_type"))) {
            return oaError(10005, "response_type must be code, got " + r.query("response_type"));
        }
        String state = r.query("state");
        if (blank(state)) {
            return oaError(10013, "state is empty");
        }
        if (state.getBytes(StandardCharsets.UTF_8).length > QrConnectHandler.MAX_STATE_BYTES) {
            return page(ErrorPages.stateTooLong("state is longer than 128 bytes"));
        }
        if (!ctx.settings.lenientState && !QrConnectHandler.ALNUM.matcher(state).matches()) {
            return page(ErrorPages.stateInvalid("state must match [A-Za-z0-9]"));
        }
        return BASE.equals(scope) ? silent(app, redirectUri, state) : userinfo(app, redirectUri, state);
    }

    Reply confirm(Request r) {
        String uuid = r.param("uuid");
        if (ctx.pending.peek(uuid) == null) {
            return page(ErrorPages.loginExpired());
        }
        String action = r.param("action") == null ? "allow" : r.param("action");
        String personId = r.param("person");
        String newNickname = r.param("new_nickname");
        boolean deny = "deny".equals(action);
        if (!deny && !PersonPicker.valid(ctx.people, personId, newNickname)) {
            return Reply.html(400, ErrorPages.badChoice("no person chosen: pick one or enter a new nickname"));
        }
        PendingLogins.Pending p = ctx.pending.take(uuid);
        if (p == null) {
            return page(ErrorPages.loginExpired());
        }
        if (deny) {
            return ctx.issuer.declined(p.redirectUri(), p.state(), false);
        }
        SimApp app = ctx.apps.get(p.appId());
        SimPerson person = PersonPicker.resolve(ctx.people, personId, newNickname);
        return complete(app, person.id(), "snapshot".equals(action), p.redirectUri(), p.state());
    }

    /** snsapi_base: no UI; the scripted person (if any) or the first registered person is the phone's owner. */
    private Reply silent(SimApp app, String redirectUri, String state) {
        ScriptedScans.Scan scripted = ctx.scans.takePerson(app.appId());
        String personId = scripted != null ? scripted.personId() : defaultPersonId();
        if (personId == null) {
            return Reply.html(200, ErrorPages.badChoice("the simulator has no people: add one first"));
        }
        return ctx.issuer.codeRedirect(app, personId, BASE, false, redirectUri, state);
    }

    private Reply userinfo(SimApp app, String redirectUri, String state) {
        ScriptedScans.Scan scripted = ctx.scans.take(app.appId());
        if (scripted != null && scripted.declined()) {
            return ctx.issuer.declined(redirectUri, state, false);
        }
        // Snapshot mode suppresses the popup (§4.4); a scripted person skips it too.
        if (scripted != null || ctx.settings.snapshotMode) {
            String personId = scripted != null ? scripted.personId() : defaultPersonId();
            if (personId == null) {
                return Reply.html(200, ErrorPages.badChoice("the simulator has no people: add one first"));
            }
            return complete(app, personId, ctx.settings.snapshotMode, redirectUri, state);
        }
        PendingLogins.Pending p = ctx.pending.create(app.appId(), redirectUri, state, USERINFO, false,
                ctx.settings.pendingLoginTtl);
        return Reply.html(200, ConsentPage.render(p, app, ctx.people.all(), null));
    }

    private Reply complete(SimApp app, String personId, boolean snapshot, String redirectUri, String state) {
        if (!snapshot) {
            ctx.grants.record(personId, app.appId());
        }
        return ctx.issuer.codeRedirect(app, personId, USERINFO, snapshot, redirectUri, state);
    }

    private String defaultPersonId() {
        SimPerson first = ctx.people.first();
        return first == null ? null : first.id();
    }

    private static Reply oaError(int errcode, String reason) {
        return page(ErrorPages.oaError(errcode, reason));
    }

    private static Reply page(String html) {
        return Reply.html(200, html);
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}

package io.github.keycloakwechat.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code GET /connect/qrconnect} (website-app QR login, §1) and the simulator's own
 * {@code POST /connect/qrconnect/confirm}, which stands in for the phone confirming or cancelling.
 */
final class QrConnectHandler {

    static final String SCOPE = "snsapi_login";
    static final int MAX_STATE_BYTES = 128;
    static final Pattern ALNUM = Pattern.compile("[A-Za-z0-9]*");

    private final SimContext ctx;

    QrConnectHandler(SimContext ctx) {
        this.ctx = ctx;
    }

    Reply authorize(Request r) {
        String appId = r.query("appid");
        SimApp app = ctx.apps.get(appId);
        if (app == null) {
            return unreachable("unknown appid " + appId);
        }
        if (app.kind() != AppKind.WEBSITE) {
            return unreachable(appId + " is " + app.kind().description() + ", not a website app");
        }
        if (!SCOPE.equals(r.query("scope"))) {
            return unreachable("scope must be snsapi_login, got " + r.query("scope"));
        }
        // The iframe URL (login_type=jssdk, from wxLogin.js or built by the site) omits response_type; otherwise it is required (§1.1, §5).
        boolean jssdk = "jssdk".equals(r.query("login_type"));
        String responseType = r.query("response_type");
        if (jssdk ? responseType != null && !"code".equals(responseType) : !"code".equals(responseType)) {
            return unreachable("response_type must be code, got " + responseType);
        }
        String redirectUri = r.query("redirect_uri");
        URI redirect = CallbackUrls.parse(redirectUri);
        if (redirect == null) {
            return unreachable("redirect_uri is missing or not an absolute http(s) URL: " + redirectUri);
        }
        if (!CallbackUrls.hostMatches(redirect, app.callbackDomain())) {
            return unreachable("redirect_uri host " + redirect.getHost() + " is not the callback domain " + app.callbackDomain());
        }
        String state = r.query("state");
        Reply stateProblem = checkState(state);
        if (stateProblem != null) {
            return stateProblem;
        }
        String signedIn = ctx.settings.signedInBrowsers ? SignedInBrowser.personId(ctx, r) : null;
        if (signedIn != null) {
            return ctx.issuer.codeRedirect(app, signedIn, SCOPE, false, redirectUri, state);
        }
        ScriptedScans.Scan scripted = ctx.scans.take(app.appId());
        if (scripted != null) {
            return scripted.declined()
                    ? ctx.issuer.declined(redirectUri, state, true)
                    : ctx.issuer.codeRedirect(app, scripted.personId(), SCOPE, false, redirectUri, state);
        }
        // In jssdk mode the page lives in an iframe; unless self_redirect=true WeChat navigates the top window.
        boolean navigateTop = jssdk && !"true".equals(r.query("self_redirect"));
        PendingLogins.Pending p = ctx.pending.create(app.appId(), redirectUri, state, SCOPE, navigateTop,
                ctx.settings.pendingLoginTtl);
        return Reply.html(200, QrPage.render(p, app, ctx.people.all(), jssdk));
    }

    Reply confirm(Request r) {
        Reply reply = confirmOrCancel(r);
        // The jssdk page's script stands in for WeChat's poll: it is told where to go and navigates by itself.
        String accept = r.header("Accept");
        boolean poll = accept != null && accept.startsWith(QrPage.POLL_ACCEPT);
        return poll && reply.location != null ? Reply.controlJson(new JsonObject().put("redirect", reply.location)) : reply;
    }

    private Reply confirmOrCancel(Request r) {
        String uuid = r.param("uuid");
        if (ctx.pending.peek(uuid) == null) {
            return Reply.html(200, ErrorPages.loginExpired());
        }
        boolean cancel = "cancel".equals(r.param("action"));
        String personId = r.param("person");
        String newNickname = r.param("new_nickname");
        if (!cancel && !PersonPicker.valid(ctx.people, personId, newNickname)) {
            return Reply.html(400, ErrorPages.badChoice("no person chosen: pick one or enter a new nickname"));
        }
        PendingLogins.Pending p = ctx.pending.take(uuid);
        if (p == null) {
            return Reply.html(200, ErrorPages.loginExpired());
        }
        if (cancel) {
            return ctx.issuer.declined(p.redirectUri(), p.state(), true);
        }
        SimApp app = ctx.apps.get(p.appId());
        SimPerson person = PersonPicker.resolve(ctx.people, personId, newNickname);
        return ctx.issuer.codeRedirect(app, person.id(), SCOPE, false, p.redirectUri(), p.state());
    }

    /** WeChat documents state as [A-Za-z0-9]{0,128}; strict by default so a client that exceeds it is caught. */
    private Reply checkState(String state) {
        if (state == null || ctx.settings.lenientState) {
            return null;
        }
        if (state.getBytes(StandardCharsets.UTF_8).length > MAX_STATE_BYTES) {
            return Reply.html(200, ErrorPages.stateTooLong("state is longer than 128 bytes"));
        }
        if (!ALNUM.matcher(state).matches()) {
            return Reply.html(200, ErrorPages.stateInvalid("state must match [A-Za-z0-9]"));
        }
        return null;
    }

    private static Reply unreachable(String reason) {
        return Reply.html(200, ErrorPages.unreachable(reason));
    }
}

package io.github.keycloakwechat.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The simulator's own HTTP API under {@code /sim} for standalone use (demo, other teams' CI): the same
 * operations as the Java API, with form or query parameters. Reads are GETs, changes are POSTs.
 */
final class ControlApi {

    static final String HELP = String.join("\n",
            "WeChat simulator control API (form or query parameters; changes are POST)",
            "",
            "GET  /sim                      this text",
            "GET  /sim/apps                 apps as JSON",
            "POST /sim/apps                 kind=website|oa appid= secret= domain= [account=NAME | unbound=true]",
            "                               kind=miniprogram|mobile appid= secret= [account=NAME | unbound=true]",
            "GET  /sim/people               people as JSON, with openid per app and unionid",
            "POST /sim/people               id= nickname= [avatar=URL] [phone=NUMBER [countryCode=86]]",
            "POST /sim/next-scan            appid= person=ID | appid= declined=true",
            "POST /sim/codes                kind=miniprogram-login|mobile-app|phone appid= person=ID  -> {\"code\":\"...\"}",
            "                               (what wx.login(), the SDK's SendAuth, a getPhoneNumber button give the app)",
            "POST /sim/app-tokens/invalidate appid=   WeChat invalidates the app's access tokens early (40001 from now on)",
            "POST /sim/message-server       appid= url= token= mode=plain|compatible|safe [aesKey=43 CHARS, made up if absent]",
            "                               an Official Account's message server; answers its original id (gh_...) as JSON",
            "POST /sim/followers            appid= person=ID [following=false]   follow (or unfollow) the Official Account",
            "POST /sim/scan-ticket          ticket= person=ID   the person scans the QR code: subscribe or SCAN pushed to the",
            "                               message server (3 tries, pushTimeoutMillis each); answers the delivery as JSON",
            "GET  /sim/pushes               every push delivery as JSON: status and each attempt's url, body, status, reply",
            "POST /sim/faults               endpoint=" + endpointNames(),
            "                               fault=errcode (errcode= [errmsg=]) | delay (millis=) | http-status (status=)",
            "                                     | html-body | malformed-json | oversized-json (bytes=) | empty-body",
            "                                     | missing-field (field=) | wrong-type (field=)",
            "                                     | raw-body (contentType= body=) | content-type (contentType=)",
            "                               [times=N (default 1) | always=true]",
            "POST /sim/faults/clear         [endpoint=]",
            "POST /sim/content-type         value=HEADER (empty or absent: text/plain)",
            "GET  /sim/settings             switches as JSON",
            "POST /sim/settings             any of lenientState= cancelMode=REDIRECT|PAGE enforceParamOrder= snapshotMode=",
            "                               allowPortInOaRedirect= duplicateCallback=OFF|AFTER|BEFORE duplicateCallbackDelayMillis=",
            "                               codeTtlSeconds= websiteCodeTtlSeconds= oaCodeTtlSeconds= miniProgramCodeTtlSeconds=",
            "                               mobileAppCodeTtlSeconds= phoneCodeTtlSeconds= accessTokenTtlSeconds= refreshTokenTtlSeconds=",
            "                               phoneCountryCodeAsNumber= pushTimeoutMillis=",
            "POST /sim/clock                advanceSeconds=N",
            "GET  /sim/calls                call counters as JSON; ?endpoint=NAME for one number",
            "GET  /sim/last-callback        the last callback URL sent to a browser (empty if none)",
            "POST /sim/replay-callback      GET the last callback URL again, server-side; answers the replay as JSON",
            "GET  /sim/replays              all server-side replays as JSON",
            "POST /sim/reset                forget codes, tokens (user and app), scripted scans, faults, counters, callbacks,",
            "                               QR tickets, followers, pushes, clock offset",
            "POST /sim/restore-defaults     every switch (content type and /sim/settings) back to WeChat's behaviour",
            "");

    private final SimContext ctx;
    private final WeChatSimulator sim;

    /** {@code QRCONNECT|OA_AUTHORIZE|…}: every endpoint, so the help cannot fall behind {@link SimEndpoint}. */
    private static String endpointNames() {
        StringBuilder names = new StringBuilder();
        for (SimEndpoint e : SimEndpoint.values()) {
            names.append(names.length() == 0 ? "" : "|").append(e.name());
        }
        return names.toString();
    }

    ControlApi(SimContext ctx, WeChatSimulator sim) {
        this.ctx = ctx;
        this.sim = sim;
    }

    void register(Router router) {
        router.add("/sim", null, r -> Reply.text(200, HELP), "GET");
        router.add("/sim/", null, r -> Reply.text(200, HELP), "GET");
        router.add("/sim/apps", null, guarded(r -> r.method.equals("POST") ? addApp(r) : Reply.controlJson(appsJson())), "GET", "POST");
        router.add("/sim/people", null, guarded(r -> r.method.equals("POST") ? addPerson(r) : Reply.controlJson(peopleJson())), "GET", "POST");
        router.add("/sim/next-scan", null, guarded(this::nextScan), "POST");
        router.add("/sim/codes", null, guarded(this::mintCode), "POST");
        router.add("/sim/app-tokens/invalidate", null, guarded(r -> {
            sim.invalidateAppAccessTokens(required(r, "appid"));
            return ok();
        }), "POST");
        new FollowControlApi(sim).register(router);
        router.add("/sim/faults", null, guarded(this::addFault), "POST");
        router.add("/sim/faults/clear", null, guarded(this::clearFaults), "POST");
        router.add("/sim/content-type", null, guarded(this::contentType), "POST");
        router.add("/sim/settings", null, guarded(r -> {
            if (r.method.equals("POST")) {
                applySettings(r);
            }
            return Reply.controlJson(settingsJson());
        }), "GET", "POST");
        router.add("/sim/clock", null, guarded(r -> {
            sim.advanceClock(Duration.ofSeconds(longParam(r, "advanceSeconds")));
            return ok();
        }), "POST");
        router.add("/sim/calls", null, guarded(this::calls), "GET");
        router.add("/sim/last-callback", null, r -> Reply.text(200, sim.lastCallbackUrl() == null ? "" : sim.lastCallbackUrl()), "GET");
        router.add("/sim/replay-callback", null, guarded(r -> Reply.controlJson(replayJson(sim.replayLastCallback()))), "POST");
        router.add("/sim/replays", null, r -> {
            List<Object> list = new ArrayList<>();
            sim.callbackReplays().forEach(c -> list.add(replayJson(c)));
            return Reply.controlJson(list);
        }, "GET");
        router.add("/sim/reset", null, r -> {
            sim.reset();
            return ok();
        }, "POST");
        router.add("/sim/restore-defaults", null, r -> {
            sim.restoreDefaults();
            return ok();
        }, "POST");
    }

    private Reply addApp(Request r) {
        AppKind kind = AppKind.fromLabel(required(r, "kind"));
        String domain = kind.hasCallbackDomain() ? required(r, "domain") : emptyToNull(r.param("domain"));
        SimApp app = sim.addApp(kind, required(r, "appid"), required(r, "secret"), domain);
        if (bool(r, "unbound", false)) {
            app.unbound();
        } else if (r.param("account") != null && !r.param("account").isEmpty()) {
            app.boundTo(r.param("account"));
        }
        return Reply.controlJson(appJson(app));
    }

    private Reply addPerson(Request r) {
        String phone = emptyToNull(r.param("phone"));
        String countryCode = emptyToNull(r.param("countryCode"));
        // Checked before the person is registered, so a bad number leaves no half-made person behind.
        SimPerson.Phone bound = phone == null ? null : new SimPerson.Phone(countryCode == null ? "86" : countryCode, phone);
        SimPerson p = sim.addPerson(required(r, "id"), required(r, "nickname"), r.param("avatar"));
        if (bound != null) {
            p.phone(bound.purePhoneNumber(), bound.countryCode());
        }
        return Reply.controlJson(personJson(p));
    }

    private Reply nextScan(Request r) {
        String appId = required(r, "appid");
        if (bool(r, "declined", false)) {
            sim.nextScanDeclined(appId);
        } else {
            sim.nextScan(appId, required(r, "person"));
        }
        return ok();
    }

    private Reply mintCode(Request r) {
        String kind = required(r, "kind").toLowerCase(Locale.ROOT);
        String appId = required(r, "appid");
        String person = required(r, "person");
        String code;
        switch (kind) {
            case "miniprogram-login": code = sim.miniProgramLoginCode(appId, person); break;
            case "mobile-app": code = sim.mobileAppCode(appId, person); break;
            case "phone": code = sim.phoneCode(appId, person); break;
            default: throw new IllegalArgumentException("kind must be miniprogram-login, mobile-app or phone, got " + kind);
        }
        return Reply.controlJson(new JsonObject().put("code", code));
    }

    private Reply addFault(Request r) {
        SimEndpoint endpoint = endpoint(required(r, "endpoint"));
        Fault fault = parseFault(r);
        if (bool(r, "always", false)) {
            sim.faults().always(endpoint, fault);
        } else {
            sim.faults().times(endpoint, r.param("times") == null ? 1 : (int) longParam(r, "times"), fault);
        }
        return ok();
    }

    private Reply clearFaults(Request r) {
        String endpoint = r.param("endpoint");
        if (endpoint == null || endpoint.isEmpty()) {
            sim.faults().clear();
        } else {
            sim.faults().clear(endpoint(endpoint));
        }
        return ok();
    }

    private Reply contentType(Request r) {
        String value = r.param("value");
        sim.contentType(value == null || value.isEmpty() ? null : value);
        return ok();
    }

    private Reply calls(Request r) {
        String endpoint = r.param("endpoint");
        if (endpoint != null && !endpoint.isEmpty()) {
            return Reply.text(200, String.valueOf(sim.calls(endpoint(endpoint))));
        }
        JsonObject counts = new JsonObject();
        for (SimEndpoint e : SimEndpoint.values()) {
            counts.put(e.name(), sim.calls(e));
        }
        return Reply.controlJson(counts);
    }

    private void applySettings(Request r) {
        if (r.param("lenientState") != null) {
            sim.lenientState(bool(r, "lenientState", false));
        }
        if (r.param("cancelMode") != null) {
            sim.cancelMode(CancelMode.valueOf(r.param("cancelMode").toUpperCase(Locale.ROOT)));
        }
        if (r.param("enforceParamOrder") != null) {
            sim.enforceParamOrder(bool(r, "enforceParamOrder", true));
        }
        if (r.param("snapshotMode") != null) {
            sim.snapshotMode(bool(r, "snapshotMode", false));
        }
        if (r.param("allowPortInOaRedirect") != null) {
            sim.allowPortInOaRedirect(bool(r, "allowPortInOaRedirect", false));
        }
        if (r.param("duplicateCallback") != null) {
            sim.duplicateCallback(DuplicateCallback.valueOf(r.param("duplicateCallback").toUpperCase(Locale.ROOT)));
        }
        if (r.param("duplicateCallbackDelayMillis") != null) {
            sim.duplicateCallbackDelay(Duration.ofMillis(longParam(r, "duplicateCallbackDelayMillis")));
        }
        if (r.param("codeTtlSeconds") != null) {
            sim.codeTtl(Duration.ofSeconds(longParam(r, "codeTtlSeconds")));
        }
        if (r.param("websiteCodeTtlSeconds") != null) {
            sim.codeTtl(AppKind.WEBSITE, Duration.ofSeconds(longParam(r, "websiteCodeTtlSeconds")));
        }
        if (r.param("oaCodeTtlSeconds") != null) {
            sim.codeTtl(AppKind.OFFICIAL_ACCOUNT, Duration.ofSeconds(longParam(r, "oaCodeTtlSeconds")));
        }
        if (r.param("miniProgramCodeTtlSeconds") != null) {
            sim.codeTtl(AppKind.MINI_PROGRAM, Duration.ofSeconds(longParam(r, "miniProgramCodeTtlSeconds")));
        }
        if (r.param("mobileAppCodeTtlSeconds") != null) {
            sim.codeTtl(AppKind.MOBILE_APP, Duration.ofSeconds(longParam(r, "mobileAppCodeTtlSeconds")));
        }
        if (r.param("phoneCodeTtlSeconds") != null) {
            sim.phoneCodeTtl(Duration.ofSeconds(longParam(r, "phoneCodeTtlSeconds")));
        }
        if (r.param("phoneCountryCodeAsNumber") != null) {
            sim.phoneCountryCodeAsNumber(bool(r, "phoneCountryCodeAsNumber", false));
        }
        if (r.param("pushTimeoutMillis") != null) {
            sim.pushTimeout(Duration.ofMillis(longParam(r, "pushTimeoutMillis")));
        }
        if (r.param("accessTokenTtlSeconds") != null) {
            sim.accessTokenTtl(Duration.ofSeconds(longParam(r, "accessTokenTtlSeconds")));
        }
        if (r.param("refreshTokenTtlSeconds") != null) {
            sim.refreshTokenTtl(Duration.ofSeconds(longParam(r, "refreshTokenTtlSeconds")));
        }
    }

    static Fault parseFault(Request r) {
        String kind = required(r, "fault").toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (kind) {
            case "errcode":
                int errcode = (int) longParam(r, "errcode");
                String errmsg = r.param("errmsg");
                return errmsg == null ? Fault.errcode(errcode) : Fault.errcode(errcode, errmsg);
            case "delay":
                return Fault.delay(Duration.ofMillis(longParam(r, "millis")));
            case "httpstatus":
                return Fault.httpStatus((int) longParam(r, "status"));
            case "htmlbody":
                return Fault.htmlBody();
            case "malformedjson":
                return Fault.malformedJson();
            case "oversizedjson":
                return Fault.oversizedJson((int) longParam(r, "bytes"));
            case "emptybody":
                return Fault.emptyBody();
            case "missingfield":
                return Fault.missingField(required(r, "field"));
            case "wrongtype":
                return Fault.wrongType(required(r, "field"));
            case "rawbody":
                return Fault.rawBody(r.param("contentType"), required(r, "body"));
            case "contenttype":
                return Fault.contentType(r.param("contentType") == null ? "" : r.param("contentType"));
            default:
                throw new IllegalArgumentException("unknown fault " + r.param("fault"));
        }
    }

    private List<Object> appsJson() {
        List<Object> list = new ArrayList<>();
        for (SimApp app : ctx.apps.all()) {
            list.add(appJson(app));
        }
        return list;
    }

    private static JsonObject appJson(SimApp app) {
        return new JsonObject().put("appid", app.appId())
                .put("kind", app.kind().label())
                .put("domain", app.callbackDomain())
                .put("account", app.openPlatformAccount());
    }

    private List<Object> peopleJson() {
        List<Object> list = new ArrayList<>();
        for (SimPerson p : ctx.people.all()) {
            list.add(personJson(p));
        }
        return list;
    }

    private JsonObject personJson(SimPerson p) {
        JsonObject openids = new JsonObject();
        for (SimApp app : ctx.apps.all()) {
            openids.put(app.appId(), ctx.ids.openid(app.appId(), p.id()));
        }
        SimPerson.Phone phone = p.boundPhone();
        return new JsonObject().put("id", p.id()).put("nickname", p.nickname()).put("headimgurl", p.avatarUrl())
                .put("unionid", ctx.ids.unionid(WeChatSimulator.DEFAULT_ACCOUNT, p.id()))
                .put("openids", openids)
                .put("purePhoneNumber", phone == null ? null : phone.purePhoneNumber())
                .put("countryCode", phone == null ? null : phone.countryCode());
    }

    private JsonObject settingsJson() {
        SimSettings s = ctx.settings;
        return new JsonObject()
                .put("contentType", s.apiContentType)
                .put("lenientState", s.lenientState)
                .put("cancelMode", s.cancelMode.name())
                .put("enforceParamOrder", s.enforceParamOrder)
                .put("snapshotMode", s.snapshotMode)
                .put("allowPortInOaRedirect", s.allowPortInOaRedirect)
                .put("duplicateCallback", s.duplicateCallback.name())
                .put("duplicateCallbackDelayMillis", s.duplicateCallbackDelay.toMillis())
                .put("websiteCodeTtlSeconds", s.websiteCodeTtl.toSeconds())
                .put("oaCodeTtlSeconds", s.officialAccountCodeTtl.toSeconds())
                .put("miniProgramCodeTtlSeconds", s.miniProgramCodeTtl.toSeconds())
                .put("mobileAppCodeTtlSeconds", s.mobileAppCodeTtl.toSeconds())
                .put("phoneCodeTtlSeconds", s.phoneCodeTtl.toSeconds())
                .put("accessTokenTtlSeconds", s.accessTokenTtl.toSeconds())
                .put("refreshTokenTtlSeconds", s.refreshTokenTtl.toSeconds())
                .put("phoneCountryCodeAsNumber", s.phoneCountryCodeAsNumber)
                .put("pushTimeoutMillis", s.pushTimeout.toMillis())
                .put("seed", ctx.ids.seed());
    }

    private static JsonObject replayJson(CallbackReplay replay) {
        return new JsonObject().put("url", replay.url()).put("status", replay.status()).put("error", replay.error());
    }

    /** Bad input to the control API is the caller's mistake: 400 with the reason, not a 500. */
    static Function<Request, Reply> guarded(Function<Request, Reply> handler) {
        return r -> {
            try {
                return handler.apply(r);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Reply.text(400, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        };
    }

    private static Reply ok() {
        return Reply.text(200, "ok");
    }

    private static SimEndpoint endpoint(String name) {
        return SimEndpoint.valueOf(name.toUpperCase(Locale.ROOT));
    }

    static String required(Request r, String name) {
        String value = r.param(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + " is required");
        }
        return value;
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static long longParam(Request r, String name) {
        try {
            return Long.parseLong(required(r, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " must be a number");
        }
    }

    static boolean bool(Request r, String name, boolean dflt) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "on": case "yes": return true;
            case "false": case "0": case "off": case "no": return false;
            default: throw new IllegalArgumentException("parameter " + name + " must be true or false");
        }
    }
}

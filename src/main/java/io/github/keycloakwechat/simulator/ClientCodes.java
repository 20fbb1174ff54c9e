package io.github.keycloakwechat.simulator;

import java.time.Duration;

/**
 * The codes WeChat's own client hands to a mini program or a mobile app, with no browser involved: {@code wx.login()}
 * (§6), the {@code getPhoneNumber} button (§6.1) and the SDK's {@code SendAuth} (§6.2). A test mints them for a
 * person, then gives them to the server under test as the app would.
 */
final class ClientCodes {

    /** The scope a mobile app must request with SendAuth, and what its token response reports (§6.2). */
    static final String MOBILE_SCOPE = "snsapi_userinfo";

    private final SimContext ctx;

    ClientCodes(SimContext ctx) {
        this.ctx = ctx;
    }

    /** A {@code js_code} for {@code /sns/jscode2session}: single use, only for that mini program. */
    String miniProgramLogin(String appId, String personId) {
        SimApp app = app(appId, AppKind.MINI_PROGRAM);
        return issue(CodeStore.Use.JS_LOGIN, app, person(personId), null, ctx.settings.codeTtl(AppKind.MINI_PROGRAM));
    }

    /** A code for {@code /sns/oauth2/access_token}, exchanged with the mobile app's AppID and secret. */
    String mobileApp(String appId, String personId) {
        SimApp app = app(appId, AppKind.MOBILE_APP);
        return issue(CodeStore.Use.OAUTH, app, person(personId), MOBILE_SCOPE, ctx.settings.codeTtl(AppKind.MOBILE_APP));
    }

    /** A phone code for {@code /wxa/business/getuserphonenumber}; the person must have a phone number. */
    String phone(String appId, String personId) {
        SimApp app = app(appId, AppKind.MINI_PROGRAM);
        SimPerson person = person(personId);
        if (!person.hasPhone()) {
            throw new IllegalStateException("person " + personId + " has no phone number, so the getPhoneNumber button"
                    + " cannot give a code; bind one with person(\"" + personId + "\").phone(number, countryCode)");
        }
        return issue(CodeStore.Use.PHONE, app, person, null, ctx.settings.phoneCodeTtl);
    }

    private String issue(CodeStore.Use use, SimApp app, SimPerson person, String scope, Duration ttl) {
        return ctx.codes.issue(use, app.appId(), person.id(), scope, false, ttl).code();
    }

    private SimApp app(String appId, AppKind kind) {
        SimApp app = ctx.apps.require(appId);
        if (app.kind() != kind) {
            throw new IllegalArgumentException(appId + " is " + app.kind().description() + ", not " + kind.description());
        }
        return app;
    }

    private SimPerson person(String personId) {
        return ctx.people.require(personId);
    }
}

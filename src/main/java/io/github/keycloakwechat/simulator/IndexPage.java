package io.github.keycloakwechat.simulator;

/** {@code GET /}: what this server is, its apps and people (with their derived ids) and how to drive it. */
final class IndexPage {

    private IndexPage() {
    }

    static String render(SimContext ctx) {
        StringBuilder b = new StringBuilder("<main class=\"wide\">\n<h1>WeChat simulator (keycloak-wechat)</h1>\n")
                .append("<p>A stand-in for <code>open.weixin.qq.com</code> and <code>api.weixin.qq.com</code> for tests and demos: "
                        + "website QR login, Official Account web authorisation, code exchange, userinfo, refresh and auth, "
                        + "mini program login and phone numbers, mobile app login, app access tokens. "
                        + "Point both WeChat base URLs of the client at this server. Nothing here talks to WeChat.</p>\n");

        b.append("<h2>Apps</h2>\n<table id=\"apps\"><tr><th>AppID</th><th>kind</th><th>callback domain</th><th>Open Platform account</th><th>try</th></tr>\n");
        for (SimApp app : ctx.apps.all()) {
            b.append("<tr><td><code>").append(Html.escape(app.appId())).append("</code></td><td>").append(app.kind())
                    .append("</td><td>").append(app.callbackDomain() == null ? "(none)" : Html.escape(app.callbackDomain()))
                    .append("</td><td>")
                    .append(app.bound() ? Html.escape(app.openPlatformAccount()) : "(unbound: no unionid)").append("</td><td>")
                    .append(tryIt(app)).append("</td></tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>People</h2>\n<table id=\"people\"><tr><th>id</th><th>nickname</th><th>openid per app</th><th>unionid (default account)</th><th>phone</th></tr>\n");
        for (SimPerson p : ctx.people.all()) {
            b.append("<tr><td><code>").append(Html.escape(p.id())).append("</code></td><td>").append(Html.escape(p.nickname()))
                    .append("</td><td>");
            for (SimApp app : ctx.apps.all()) {
                b.append(Html.escape(app.appId())).append(": <code>").append(ctx.ids.openid(app.appId(), p.id())).append("</code><br>");
            }
            SimPerson.Phone phone = p.boundPhone();
            b.append("</td><td><code>").append(ctx.ids.unionid(WeChatSimulator.DEFAULT_ACCOUNT, p.id())).append("</code></td><td>")
                    .append(phone == null ? "(none)" : "+" + phone.countryCode() + " " + phone.purePhoneNumber()).append("</td></tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>WeChat endpoints</h2>\n<ul>\n");
        for (SimEndpoint e : SimEndpoint.values()) {
            b.append("<li><code>").append(e.path()).append("</code> (").append(e).append(", ")
                    .append(ctx.counters.get(e)).append(" calls)</li>\n");
        }
        b.append("</ul>\n<h2>Control API</h2>\n<p>See <a href=\"/sim\">/sim</a> (plain text). "
                + "Form or query parameters; changes are POSTs.</p>\n</main>");
        return Html.page("WeChat simulator", b.toString());
    }

    /** How to start a login of this app: a link for website apps, a hint for the others. */
    private static String tryIt(SimApp app) {
        switch (app.kind()) {
            case WEBSITE:
                String example = "/connect/qrconnect?appid=" + app.appId() + "&redirect_uri=" + "http%3A%2F%2F" + app.callbackDomain()
                        + "%2Fcallback&response_type=code&scope=snsapi_login&state=demo";
                return "<a href=\"" + Html.escape(example) + "\">QR page</a>";
            case OFFICIAL_ACCOUNT:
                return "open inside WeChat (User-Agent MicroMessenger); QR codes: <code>POST /sim/scan-ticket</code>";
            case MINI_PROGRAM:
                return "codes: <code>POST /sim/codes kind=miniprogram-login|phone</code>, then <code>/sns/jscode2session</code>";
            default:
                return "codes: <code>POST /sim/codes kind=mobile-app</code>, then <code>/sns/oauth2/access_token</code>";
        }
    }
}

package io.github.keycloakwechat.simulator;

import java.util.List;
import java.util.Random;

/**
 * The hosted website-login page (§1.1) with test hooks: a fake QR box ({@code id="qr"}), the person picker,
 * and {@code <form id="scan-form">} posting {@code uuid}, {@code person}, {@code new_nickname} and
 * {@code action=confirm|cancel} (buttons {@code id="confirm"} / {@code id="cancel"}) to
 * {@code /connect/qrconnect/confirm}.
 *
 * <p>In an iframe ({@code login_type=jssdk}, §5) the buttons work by script, as WeChat's page learns of the scan
 * by polling and then navigates by script: the page asks the confirm endpoint where to go ({@link #POLL_ACCEPT})
 * and sends the window the form names as target there. So it works in a sandbox without {@code allow-forms}.
 */
final class QrPage {

    static final String CONFIRM_PATH = "/connect/qrconnect/confirm";
    /** What the jssdk page's script asks the confirm endpoint for: where to navigate, instead of a redirect. */
    static final String POLL_ACCEPT = "application/json";
    /** The jssdk page's buttons: the stand-in for WeChat's poll; a page (expired, cancelled…) replaces the frame's. */
    private static final String JSSDK_SCRIPT = """
            <script>
            (function () {
              var form = document.getElementById("scan-form");
              // Attributes, not properties: the buttons named "action" shadow form.action.
              var target = form.getAttribute("target") === "_top" ? window.top : window;
              form.querySelectorAll("button[name=action]").forEach(function (button) {
                button.addEventListener("click", function (e) {
                  e.preventDefault();
                  var body = new URLSearchParams(new FormData(form));
                  body.set("action", button.value);
                  fetch(form.getAttribute("action"), {method: "POST", body: body, headers: {Accept: "%s"}}).then(function (r) {
                    return (r.headers.get("Content-Type") || "").indexOf("%s") === 0
                      ? r.json().then(function (a) { target.location.href = a.redirect; })
                      : r.text().then(function (html) { document.open(); document.write(html); document.close(); });
                  });
                });
              });
            })();
            </script>
            """.formatted(POLL_ACCEPT, POLL_ACCEPT);
    private static final int MODULES = 25;

    private QrPage() {
    }

    /** @param jssdk the page is inside an iframe ({@code login_type=jssdk}): compact, to fit 300×400 pixels */
    static String render(PendingLogins.Pending pending, SimApp app, List<SimPerson> people, boolean jssdk) {
        String target = pending.navigateTop() ? " target=\"_top\"" : "";
        String body = "<main class=\"sim-qr" + (jssdk ? " jssdk" : "") + "\">\n<h1>微信登录</h1>\n"
                + "<div class=\"qr\" id=\"qr\" data-uuid=\"" + Html.escape(pending.uuid()) + "\">" + fakeQr(pending.uuid()) + "</div>\n"
                + "<p class=\"tip\">请使用微信扫描二维码登录<br>“" + Html.escape(app.appId()) + "”</p>\n"
                + "<form id=\"scan-form\" method=\"post\" action=\"" + CONFIRM_PATH + "\"" + target + ">\n"
                + "<input type=\"hidden\" name=\"uuid\" value=\"" + Html.escape(pending.uuid()) + "\">\n"
                + PersonPicker.render(people, null)
                + "<button id=\"confirm\" type=\"submit\" name=\"action\" value=\"confirm\">确认登录 / Confirm</button>\n"
                + "<button id=\"cancel\" type=\"submit\" name=\"action\" value=\"cancel\">取消 / Cancel</button>\n"
                + "</form>\n"
                + "<p class=\"sim-note\">WeChat simulator: choose who scans, then confirm on their behalf.</p>\n</main>"
                + (jssdk ? JSSDK_SCRIPT : "");
        return Html.page("微信登录", body);
    }

    /** An SVG that looks like a QR code (three finder patterns, noise seeded by the uuid). It encodes nothing. */
    static String fakeQr(String uuid) {
        Random noise = new Random(uuid.hashCode());
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-2 -2 29 29\" ")
                .append("width=\"200\" height=\"200\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">")
                .append("<rect x=\"-2\" y=\"-2\" width=\"29\" height=\"29\" fill=\"#fff\"/>");
        for (int y = 0; y < MODULES; y++) {
            for (int x = 0; x < MODULES; x++) {
                Boolean finder = finderModule(x, y);
                boolean dark = finder != null ? finder : noise.nextBoolean();
                if (dark) {
                    svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"1\" height=\"1\"/>");
                }
            }
        }
        return svg.append("</svg>").toString();
    }

    /** Dark/light inside the three 7×7 finder patterns (and their white separators), null elsewhere. */
    private static Boolean finderModule(int x, int y) {
        int[][] corners = {{0, 0}, {MODULES - 7, 0}, {0, MODULES - 7}};
        for (int[] c : corners) {
            int dx = x - c[0];
            int dy = y - c[1];
            if (dx >= -1 && dx <= 7 && dy >= -1 && dy <= 7) {
                if (dx < 0 || dy < 0 || dx == 7 || dy == 7) {
                    return false;
                }
                int ring = Math.min(Math.min(dx, dy), Math.min(6 - dx, 6 - dy));
                return ring != 1;
            }
        }
        return null;
    }
}

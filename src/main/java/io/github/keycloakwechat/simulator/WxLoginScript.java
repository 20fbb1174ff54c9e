package io.github.keycloakwechat.simulator;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /connect/zh_CN/htmledition/js/wxLogin.js}: a stand-in for WeChat's embedded-QR script (§5; the
 * real one is on res.wx.qq.com). Like the copies of the real script, {@code new WxLogin({...})} replaces the
 * container's content with an iframe of {@code /connect/qrconnect} carrying {@code login_type=jssdk}, no
 * {@code response_type}, and {@code redirect_uri} concatenated exactly as given (the caller must encode it).
 */
final class WxLoginScript {

    static final String PATH = "/connect/zh_CN/htmledition/js/wxLogin.js";

    private WxLoginScript() {
    }

    static Reply serve(Request r) {
        // The iframe goes to the host that served the script: the simulator plays res.wx.qq.com and open.weixin.qq.com.
        String host = r.header("Host");
        String origin = host == null ? "" : "http://" + host;
        String js = """
                (function () {
                  "use strict";
                  var OPEN = %s;
                  window.WxLogin = function (o) {
                    var selfRedirect = o.self_redirect === true ? "true" : o.self_redirect === false ? "false" : "default";
                    var src = OPEN + "/connect/qrconnect?appid=" + o.appid + "&scope=" + o.scope
                      + "&redirect_uri=" + o.redirect_uri + "&state=" + (o.state || "")
                      + "&login_type=jssdk&self_redirect=" + selfRedirect
                      + "&styletype=" + (o.styletype || "") + "&sizetype=" + (o.sizetype || "")
                      + "&bgcolor=" + (o.bgcolor || "") + "&rst=" + (o.rst || "")
                      + (o.style ? "&style=" + o.style : "") + (o.href ? "&href=" + o.href : "")
                      + (o.lang === "en" ? "&lang=en" : "")
                      + (o.stylelite ? "&stylelite=" + o.stylelite : "")
                      + (o.fast_login === 0 ? "&fast_login=0" : "");
                    var frame = document.createElement("iframe");
                    frame.src = src;
                    frame.frameBorder = "0";
                    frame.allowTransparency = "true";
                    frame.scrolling = "no";
                    frame.width = "300px";
                    frame.height = "400px";
                    frame.setAttribute("sandbox", "allow-scripts allow-top-navigation allow-same-origin allow-forms");
                    var box = document.getElementById(o.id);
                    box.innerHTML = "";
                    box.appendChild(frame);
                  };
                })();
                """.formatted(jsString(origin));
        return Reply.raw(200, "application/javascript; charset=utf-8", js.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c") + "\"";
    }
}

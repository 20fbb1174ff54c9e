// Draws WeChat's QR code with wxLogin.js, then tells the login page around it how to fall back.
(function () {
    "use strict";
    var box = document.getElementById("wechat-qr");
    var d = box.dataset;

    if (typeof window.WxLogin !== "function") {
        // wxLogin.js did not load (blocked, offline, a proxy): the page's link still works.
        document.getElementById("wechat-qr-unavailable").hidden = false;
    } else {
        new window.WxLogin({
            self_redirect: false,
            id: "wechat-qr",
            appid: d.appid,
            scope: d.scope,
            // wxLogin.js concatenates redirect_uri as given: it must arrive encoded (protocol §5).
            redirect_uri: encodeURIComponent(d.redirectUri),
            state: d.state,
            lang: d.lang,
            stylelite: 1,
            fast_login: 0
        });
    }

    var page;
    try {
        page = window.parent !== window ? window.parent.document : null;
    } catch (e) {
        page = null; // not framed by the login page: nothing to update
    }
    if (!page) {
        return;
    }
    // The fallback link of the panel holding this frame goes straight to WeChat's page for this same sign-in.
    var panel = window.frameElement && window.frameElement.closest(".kc-wechat-qr");
    var link = panel ? panel.querySelector(".kc-wechat-qr__fallback") : null;
    if (link) {
        link.href = d.fallbackUrl;
    }
    // Loading this frame used up the action code in the login page's links and forms; give them the current one.
    var rewrite = function (value) {
        var u = new URL(value, page.baseURI);
        if (!u.searchParams.has("session_code")) {
            return value;
        }
        u.searchParams.set("session_code", d.sessionCode);
        return u.toString();
    };
    Array.prototype.forEach.call(page.querySelectorAll("a[href*='session_code=']"), function (a) {
        if (a !== link) {
            a.href = rewrite(a.getAttribute("href"));
        }
    });
    Array.prototype.forEach.call(page.querySelectorAll("form[action*='session_code=']"), function (f) {
        f.action = rewrite(f.getAttribute("action"));
    });
})();

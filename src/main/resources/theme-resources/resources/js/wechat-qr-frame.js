// Tells the login page around this frame how to fall back, and gives it the action code that is current now.
// WeChat's QR code itself is the sandboxed iframe of the page; nothing of WeChat's runs here.
(function () {
    "use strict";
    var d = document.getElementById("wechat-qr").dataset;

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
    if (link && d.fallbackUrl) {
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

// Puts a QR code in place of the WeChat button when the provider's "Embedded QR code" (WeChat's website QR code)
// or "Follow the Official Account to sign in" (the Official Account's QR code) is on.
// Phones and the WeChat app keep the button: a phone cannot scan its own screen.
document.addEventListener("DOMContentLoaded", function () {
    "use strict";
    if (/MicroMessenger|wxwork|Mobile|Android|iPhone|iPad/i.test(navigator.userAgent)) {
        return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-wechat-qr]"), function (panel) {
        var button = document.getElementById("social-" + panel.dataset.wechatQr);
        if (!button) {
            return;
        }
        // The iframe is created here, not in the HTML, so that a page that keeps the button never asks for it.
        var src = new URL(panel.dataset.frameUrl, document.baseURI);
        src.searchParams.set(panel.dataset.frameParam, "1");
        button.parentNode.insertBefore(panel, button);
        button.hidden = true;
        panel.hidden = false;
        panel.querySelector("iframe").src = src.toString();
    });
});

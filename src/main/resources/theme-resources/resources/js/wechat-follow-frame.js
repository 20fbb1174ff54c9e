// Asks Keycloak once a second whether WeChat has pushed a scan of this page's QR code, then sends the whole window
// on to finish the sign-in. Only the state handle leaves the page; who scanned is known to the server alone.
(function () {
    "use strict";
    var POLL_MILLIS = 1000;
    var framed = window.top !== window;
    if (!framed) {
        document.documentElement.classList.add("wechat-follow--page"); // a page of its own: it shows its title
    }
    var box = document.getElementById("wechat-qr");
    if (!box || !box.dataset.statusUrl) {
        return; // WeChat gave no QR code: the page says so
    }
    var d = box.dataset;
    var deadline = Date.now() + Number(d.expiresIn) * 1000;
    var target = window.top || window;

    var expired = function () {
        box.dataset.state = "expired";
    };
    var poll = function () {
        if (Date.now() >= deadline) {
            expired();
            return;
        }
        fetch(d.statusUrl, {credentials: "same-origin", cache: "no-store", headers: {"Accept": "application/json"}})
            .then(function (response) {
                return response.ok ? response.json() : {status: "waiting"};
            })
            .then(function (answer) {
                if (answer.status === "scanned") {
                    box.dataset.state = "scanned";
                    target.location.href = d.signInUrl;
                } else if (answer.status === "expired") {
                    expired();
                } else {
                    setTimeout(poll, POLL_MILLIS);
                }
            }, function () {
                setTimeout(poll, POLL_MILLIS * 3); // the network blinked: keep waiting, a little slower
            });
    };
    // A new code means a new sign-in page: the login page around the frame is loaded again, with a new QR code in
    // it; a page of its own starts the sign-in over (Keycloak's restart link) and its button leads here again.
    document.getElementById("wechat-follow-renew").addEventListener("click", function () {
        if (framed) {
            // A GET of the same address, not reload(): after a failed password the page is a POST's answer, and a
            // reload would ask to send the form again.
            target.location.assign(target.location.href);
        } else {
            window.location.href = d.restartUrl;
        }
    });
    setTimeout(poll, POLL_MILLIS);
})();

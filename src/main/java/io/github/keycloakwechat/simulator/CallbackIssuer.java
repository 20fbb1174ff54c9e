package io.github.keycloakwechat.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ends an authorisation the way WeChat does: a code redirect, or the user declining (§1.2, §4.1). */
final class CallbackIssuer {

    private final SimSettings settings;
    private final CodeStore codes;
    private final CallbackReplayer replayer;

    CallbackIssuer(SimSettings settings, CodeStore codes, CallbackReplayer replayer) {
        this.settings = settings;
        this.codes = codes;
        this.replayer = replayer;
    }

    /** {@code 302} to {@code redirect_uri?code=CODE&state=STATE}; optionally the callback is also replayed. */
    Reply codeRedirect(SimApp app, String personId, String scope, boolean snapshot, String redirectUri, String state) {
        CodeStore.IssuedCode code = codes.issue(CodeStore.Use.OAUTH, app.appId(), personId, scope, snapshot, settings.codeTtl(app.kind()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code.code());
        params.put("state", state == null ? "" : state);
        String url = CallbackUrls.append(redirectUri, params);
        replayer.issued(url);
        DuplicateCallback duplicate = settings.duplicateCallback;
        if (duplicate == DuplicateCallback.BEFORE) {
            replayer.replayNow(url);
        } else if (duplicate == DuplicateCallback.AFTER) {
            replayer.replayLater(url, settings.duplicateCallbackDelay);
        }
        return Reply.redirect(302, url);
    }

    /** Per {@link CancelMode}: {@code 302} to {@code redirect_uri?state=STATE}, or a "cancelled" page. */
    Reply declined(String redirectUri, String state, boolean qrLogin) {
        if (settings.cancelMode == CancelMode.PAGE) {
            return Reply.html(200, qrLogin ? ErrorPages.qrCancelled() : ErrorPages.consentDenied());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("state", state == null ? "" : state);
        String url = CallbackUrls.append(redirectUri, params);
        replayer.issued(url);
        return Reply.redirect(302, url);
    }
}

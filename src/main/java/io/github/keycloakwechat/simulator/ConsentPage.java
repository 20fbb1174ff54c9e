package io.github.keycloakwechat.simulator;

import java.util.List;

/**
 * The Official Account {@code snsapi_userinfo} consent popup (§4.1) with test hooks: {@code <form
 * id="consent-form">} posting {@code uuid}, {@code person}, {@code new_nickname} and
 * {@code action=allow|deny|snapshot} (buttons {@code id="allow"}, {@code id="deny"}, {@code id="snapshot"})
 * to {@code /connect/oauth2/authorize/confirm}.
 */
final class ConsentPage {

    static final String CONFIRM_PATH = "/connect/oauth2/authorize/confirm";

    private ConsentPage() {
    }

    static String render(PendingLogins.Pending pending, SimApp app, List<SimPerson> people, String checkedPersonId) {
        String body = "<main class=\"sim-consent\">\n<h1>“" + Html.escape(app.appId()) + "” 申请获得以下权限</h1>\n"
                + "<p>获得你的公开信息（昵称、头像等）</p>\n"
                + "<form id=\"consent-form\" method=\"post\" action=\"" + CONFIRM_PATH + "\">\n"
                + "<input type=\"hidden\" name=\"uuid\" value=\"" + Html.escape(pending.uuid()) + "\">\n"
                + PersonPicker.render(people, checkedPersonId)
                + "<button id=\"deny\" type=\"submit\" name=\"action\" value=\"deny\">拒绝 / Deny</button>\n"
                + "<button id=\"allow\" type=\"submit\" name=\"action\" value=\"allow\">允许 / Allow</button>\n"
                + "<button id=\"snapshot\" type=\"submit\" name=\"action\" value=\"snapshot\">快照页 / Snapshot user</button>\n"
                + "</form>\n"
                + "<p class=\"sim-note\">WeChat simulator: \"Snapshot user\" completes as a snapshot-page virtual account "
                + "(is_snapshotuser:1).</p>\n</main>";
        return Html.page("微信授权", body);
    }
}

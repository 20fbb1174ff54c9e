package io.github.keycloakwechat.simulator;

import java.util.Map;

/**
 * The pages WeChat shows instead of redirecting (no machine-readable error reaches the client, §10).
 * Each has {@code id="error-title"} with WeChat's wording, {@code id="errcode"} when WeChat shows a code,
 * and a simulator-only {@code id="sim-reason"} explaining what was wrong.
 */
final class ErrorPages {

    /** The messages of the OA authorize error page (§4.1). */
    static final Map<Integer, String> OA_MESSAGES = Map.ofEntries(
            Map.entry(10003, "redirect_uri域名与后台配置不一致"),
            Map.entry(10004, "此公众号被封禁"),
            Map.entry(10005, "此公众号并没有这些scope的权限"),
            Map.entry(10006, "必须关注此测试号"),
            Map.entry(10009, "操作太频繁了，请稍后重试"),
            Map.entry(10010, "scope不能为空"),
            Map.entry(10011, "redirect_uri不能为空"),
            Map.entry(10012, "appid不能为空"),
            Map.entry(10013, "state不能为空"),
            Map.entry(10015, "公众号未授权第三方平台，请检查授权状态"),
            Map.entry(10016, "不支持微信开放平台的Appid，请使用公众号Appid"),
            Map.entry(40013, "invalid appid"));

    private ErrorPages() {
    }

    /** The website QR page's error: "该链接无法访问" (bad appid, scope or redirect_uri). */
    static String unreachable(String reason) {
        return page("该链接无法访问", null, reason);
    }

    static String stateTooLong(String reason) {
        return page("state参数过长", null, reason);
    }

    static String stateInvalid(String reason) {
        return page("state参数错误", null, reason);
    }

    static String openInWeChat() {
        return page("请在微信客户端打开链接", null, "the User-Agent does not contain MicroMessenger");
    }

    static String oaError(int errcode, String reason) {
        return page(OA_MESSAGES.getOrDefault(errcode, "参数错误"), errcode, reason);
    }

    static String paramOrder(String reason) {
        return page("Scope参数错误或没有Scope权限", null, reason);
    }

    static String loginExpired() {
        return page("二维码已失效", null, "unknown, expired or already completed login (uuid)");
    }

    static String badChoice(String reason) {
        return page("请选择扫码用户", null, reason);
    }

    static String qrCancelled() {
        return Html.page("微信登录", "<main>\n<h2 id=\"error-title\">您已取消此次登录</h2>\n<p>您可再次扫描登录，或关闭窗口</p>\n</main>");
    }

    static String consentDenied() {
        return Html.page("微信授权", "<main>\n<h2 id=\"error-title\">您已拒绝授权</h2>\n</main>");
    }

    /** An errcode fault on an authorize page: WeChat's error page showing the code. */
    static String faultPage(int errcode) {
        return page(OA_MESSAGES.getOrDefault(errcode, ErrorCodes.message(errcode)), errcode, "injected fault");
    }

    /** HTTP 200 HTML where JSON was expected (the {@code htmlBody} fault). */
    static String wechatHtmlError() {
        return page("系统错误，请稍后再试", -1, "injected fault: HTML instead of JSON");
    }

    /** What a failing proxy in front of WeChat answers (the {@code httpStatus} fault). */
    static String gateway(int status) {
        String reason;
        switch (status) {
            case 500: reason = "Internal Server Error"; break;
            case 502: reason = "Bad Gateway"; break;
            case 503: reason = "Service Temporarily Unavailable"; break;
            case 504: reason = "Gateway Time-out"; break;
            default: reason = "Error";
        }
        return "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>"
                + status + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    static String notFound(String path) {
        return page("404 Not Found", null, "the simulator serves no " + path);
    }

    private static String page(String title, Integer errcode, String reason) {
        StringBuilder body = new StringBuilder("<main class=\"weui-msg\">\n<h2 id=\"error-title\">")
                .append(Html.escape(title)).append("</h2>\n");
        if (errcode != null) {
            body.append("<p>错误码: <span id=\"errcode\">").append(errcode).append("</span></p>\n");
        }
        if (reason != null) {
            body.append("<p class=\"sim-reason\" id=\"sim-reason\">WeChat simulator: ").append(Html.escape(reason)).append("</p>\n");
        }
        return Html.page("微信", body.append("</main>").toString());
    }
}

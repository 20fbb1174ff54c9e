package io.github.keycloakwechat.simulator;

/** HTML escaping and the shared page skeleton. Everything rendered from input goes through {@link #escape}. */
final class Html {

    private static final String CSS = String.join("\n",
            "body{font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;background:#f5f5f5;margin:0;color:#333}",
            "main{max-width:420px;margin:40px auto;background:#fff;padding:24px 28px;border-radius:8px;text-align:center}",
            "main.wide{max-width:960px;text-align:left}",
            "h1{font-size:20px;font-weight:normal}h2{font-size:18px;font-weight:normal}",
            ".qr{display:inline-block;padding:10px;border:1px solid #e5e5e5}",
            "fieldset{border:1px solid #e5e5e5;text-align:left;margin:16px 0}label{display:block;margin:4px 0}",
            "button{padding:8px 20px;margin:6px;border-radius:4px;border:1px solid #ccc;font-size:15px;cursor:pointer}",
            "#confirm,#allow{background:#07c160;border-color:#07c160;color:#fff}",
            ".sim-note,.sim-reason{color:#999;font-size:12px}",
            "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}",
            "code{font-size:12px}",
            // Inside a 300x400 iframe (login_type=jssdk, no scrolling), like WeChat's own compact page.
            "body:has(main.jssdk){background:#fff}main.jssdk{margin:0;padding:6px;max-width:none;border-radius:0}main.jssdk h1,main.jssdk .sim-note{display:none}",
            "main.jssdk .qr{padding:4px}main.jssdk .qr svg{width:130px;height:130px}main.jssdk .tip{font-size:12px;margin:4px 0}",
            "main.jssdk fieldset{margin:4px 0;padding:2px 8px;font-size:13px;max-height:120px;overflow:auto}",
            "main.jssdk label{margin:1px 0}main.jssdk button{padding:4px 12px;margin:2px;font-size:13px}");

    private Html() {
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + CSS + "\n</style>\n</head>\n<body>\n"
                + body + "\n</body>\n</html>\n";
    }
}

package io.github.keycloakwechat.simulator;

import java.util.Map;
import java.util.function.Function;

/**
 * The checks every {@code api.weixin.qq.com} call with an AppID makes first, in WeChat's order, shared by the
 * {@code /sns}, {@code /cgi-bin} and {@code /wxa} handlers. A parameter is read through a function, because
 * {@code stable_token} takes its parameters from a JSON body rather than the query.
 */
final class ApiChecks {

    /** The errcode WeChat answers when a parameter is absent or empty. */
    private static final Map<String, Integer> MISSING = Map.of(
            "access_token", 41001,
            "appid", 41002,
            "refresh_token", 41003,
            "secret", 41004,
            "code", 41008,
            "js_code", 41008,
            "openid", 41009);

    private ApiChecks() {
    }

    /**
     * The required parameters present, the grant_type, then the appid known ({@code app} is its lookup, null when
     * unknown to this endpoint). Null when the call may go on.
     */
    static Reply appCall(Function<String, String> param, SimApp app, String grantType, String... required) {
        Reply missing = missing(param, required);
        if (missing != null) {
            return missing;
        }
        if (!grantType.equals(param.apply("grant_type"))) {
            return error(40002);
        }
        if (app == null) {
            return error(40013);
        }
        return null;
    }

    /** The "missing parameter" error of the first of these parameters that is absent or empty, or null. */
    static Reply missing(Function<String, String> param, String... names) {
        for (String name : names) {
            if (blank(param.apply(name))) {
                return error(MISSING.get(name));
            }
        }
        return null;
    }

    /** 43002 for anything but a POST, on the calls that take a JSON body ({@code cgi-bin/stable_token}, {@code wxa}); else null. */
    static Reply postOnly(Request r) {
        return r.method.equals("POST") ? null : error(43002);
    }

    /** The request's JSON object body, or null when it is not one (a form, nothing, broken JSON: WeChat's 47001). */
    static Map<String, Object> jsonBody(Request r) {
        try {
            return JsonReader.object(r.body());
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    static Reply error(int errcode) {
        return Reply.api(ErrorCodes.error(errcode));
    }

    static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}

package io.github.keycloakwechat.simulator;

import java.util.Map;

/**
 * errcode → errmsg, from the protocol reference §10 (and WeChat's global return-code table for the
 * few "missing parameter" codes the reference does not list). Every error body gets the current
 * {@code ", rid: xxxxxxxx-xxxxxxxx-xxxxxxxx"} suffix; clients must key on errcode, never on errmsg.
 */
final class ErrorCodes {

    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(-1, "system error"),
            Map.entry(40001, "invalid credential, access_token is invalid or not latest"),
            Map.entry(40002, "invalid grant_type"),
            Map.entry(40003, "invalid openid"),
            Map.entry(40013, "invalid appid"),
            Map.entry(40014, "invalid access_token"),
            Map.entry(40029, "invalid code"),
            Map.entry(40030, "invalid refresh_token"),
            Map.entry(40052, "invalid action name"),
            Map.entry(40053, "invalid action info, please check document"),
            Map.entry(40125, "invalid appsecret"),
            Map.entry(40163, "code been used"),
            Map.entry(40164, "invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist"),
            Map.entry(40226, "code blocked"),
            Map.entry(41001, "access_token missing"),
            Map.entry(41002, "appid missing"),
            Map.entry(41003, "refresh_token missing"),
            Map.entry(41004, "appsecret missing"),
            Map.entry(41008, "missing code"),
            Map.entry(41009, "missing openid"),
            Map.entry(42001, "access_token expired"),
            Map.entry(42002, "refresh_token expired"),
            Map.entry(42003, "code expired"),
            Map.entry(42007, "access_token and refresh_token exception"),
            Map.entry(43002, "require POST method"),
            Map.entry(45009, "reach max api daily quota limit"),
            Map.entry(45011, "api minute-quota reach limit mustslower retry next minute"),
            Map.entry(47001, "data format error"),
            Map.entry(48001, "api unauthorized"),
            Map.entry(50001, "user unauthorized"),
            Map.entry(50002, "user limited"));

    private ErrorCodes() {
    }

    static String message(int errcode) {
        return MESSAGES.getOrDefault(errcode, "system error");
    }

    /** {@code {"errcode":N,"errmsg":"<message>, rid: …"}}. */
    static JsonObject error(int errcode) {
        return error(errcode, message(errcode));
    }

    static JsonObject error(int errcode, String errmsg) {
        if (errcode == 0) {
            return ok();
        }
        return new JsonObject().put("errcode", errcode).put("errmsg", errmsg + ", rid: " + Identifiers.rid());
    }

    /** The explicit success body of {@code /sns/auth}: {@code {"errcode":0,"errmsg":"ok"}}. */
    static JsonObject ok() {
        return new JsonObject().put("errcode", 0).put("errmsg", "ok");
    }
}

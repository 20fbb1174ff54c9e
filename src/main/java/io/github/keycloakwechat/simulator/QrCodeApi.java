package io.github.keycloakwechat.simulator;

import java.util.Map;

/**
 * An Official Account's parametric QR codes (§7.2): {@code POST /cgi-bin/qrcode/create} with the account's app
 * access token and a JSON body, and the image at {@code GET /cgi-bin/showqrcode?ticket=} (mp.weixin.qq.com, no
 * token). Success is {@code {"ticket","expire_seconds","url"}} without errcode (§0); a permanent code has no
 * {@code expire_seconds}.
 */
final class QrCodeApi {

    /** 30 days, the longest a temporary code lives (§7.2). */
    static final long MAX_EXPIRE_SECONDS = 2_592_000;
    /**
     * The lifetime of a temporary code that names none: 60 s as the current service-account page says; older pages
     * and WxJava say 30 s [UNCONFIRMED].
     */
    static final long DEFAULT_EXPIRE_SECONDS = 60;
    private static final long MAX_PERMANENT_SCENE_ID = 100_000;
    private static final int MAX_SCENE_STR = 64;

    private final SimContext ctx;

    QrCodeApi(SimContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code action_name} QR_SCENE or QR_STR_SCENE (temporary), QR_LIMIT_SCENE or QR_LIMIT_STR_SCENE (permanent);
     * another name is 40052, a scene out of range 40053 (community reports, §10). A {@code scene_id} left out of
     * {@code action_info.scene} makes a code of scene 0, as reported (§7.2). The app is the one whose app access
     * token came with the call (an Official Account's).
     */
    Reply create(Request r, SimApp app) {
        Map<String, Object> body = ApiChecks.jsonBody(r);
        if (body == null) {
            return ApiChecks.error(47001);
        }
        Object action = body.get("action_name");
        boolean permanent = "QR_LIMIT_SCENE".equals(action) || "QR_LIMIT_STR_SCENE".equals(action);
        boolean numeric = "QR_SCENE".equals(action) || "QR_LIMIT_SCENE".equals(action);
        if (!permanent && !numeric && !"QR_STR_SCENE".equals(action)) {
            return ApiChecks.error(40052);
        }
        Map<?, ?> scene = nested(nested(body, "action_info"), "scene");
        String sceneValue = numeric ? sceneId(scene, permanent) : sceneStr(scene);
        Long lifetime = permanent ? Long.valueOf(0) : lifetime(body.get("expire_seconds"));
        if (sceneValue == null || lifetime == null) {
            return ApiChecks.error(40053);
        }
        QrTickets.QrTicket qr = ctx.qrTickets.create(app.appId(), sceneValue, numeric, lifetime);
        JsonObject answer = new JsonObject().put("ticket", qr.ticket());
        if (!permanent) {
            answer.put("expire_seconds", lifetime);
        }
        return Reply.api(answer.put("url", qr.url()));
    }

    /**
     * {@code GET /cgi-bin/showqrcode?ticket=}: a PNG for a live ticket. What WeChat answers for an unknown or
     * expired one is not documented; the simulator answers 404 [UNCONFIRMED].
     */
    Reply show(Request r) {
        QrTickets.QrTicket qr = ctx.qrTickets.live(r.query("ticket"));
        if (qr == null) {
            return Reply.text(404, "no such QR code: the ticket is unknown or expired");
        }
        return Reply.raw(200, "image/png", QrImage.png(qr.ticket()));
    }

    /** The expire_seconds of a temporary code: absent is the default, over 30 days is cut to 30 days [UNCONFIRMED]. */
    private static Long lifetime(Object value) {
        if (value == null) {
            return DEFAULT_EXPIRE_SECONDS;
        }
        Long seconds = integer(value);
        return seconds == null || seconds <= 0 ? null : Math.min(seconds, MAX_EXPIRE_SECONDS);
    }

    /** A temporary code's scene_id is a 32-bit non-zero integer, a permanent one's 1 to 100000; missing is 0. */
    private static String sceneId(Map<?, ?> scene, boolean permanent) {
        Object value = scene == null ? null : scene.get("scene_id");
        if (value == null) {
            return permanent ? null : "0";
        }
        Long id = integer(value);
        long max = permanent ? MAX_PERMANENT_SCENE_ID : 0xFFFF_FFFFL;
        return id == null || id < 1 || id > max ? null : String.valueOf(id);
    }

    private static String sceneStr(Map<?, ?> scene) {
        Object value = scene == null ? null : scene.get("scene_str");
        if (!(value instanceof String) || ((String) value).isEmpty() || ((String) value).length() > MAX_SCENE_STR) {
            return null;
        }
        return (String) value;
    }

    /** A JSON integer, or a string of digits as loosely typed clients send one; else null. */
    private static Long integer(Object value) {
        if (value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof String && ((String) value).matches("[0-9]{1,18}")) {
            return Long.parseLong((String) value);
        }
        return null;
    }

    private static Map<?, ?> nested(Map<?, ?> parent, String field) {
        Object value = parent == null ? null : parent.get(field);
        return value instanceof Map ? (Map<?, ?>) value : null;
    }
}

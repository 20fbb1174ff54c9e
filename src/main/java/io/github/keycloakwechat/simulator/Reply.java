package io.github.keycloakwechat.simulator;

import java.nio.charset.StandardCharsets;

/**
 * An answer before it is written. A null Content-Type means "the configured WeChat API Content-Type"
 * (decided when writing); an empty one means no header. JSON answers keep their model so faults can edit it.
 */
final class Reply {

    static final String HTML = "text/html; charset=utf-8";
    static final String CONTROL_JSON = "application/json; charset=utf-8";
    static final String CONTROL_TEXT = "text/plain; charset=utf-8";

    final int status;
    final String contentType;
    final String location;
    final JsonObject json;
    private final byte[] body;

    private Reply(int status, String contentType, String location, JsonObject json, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.location = location;
        this.json = json;
        this.body = body;
    }

    /** A WeChat API answer: HTTP 200 under the configured API Content-Type. */
    static Reply api(JsonObject json) {
        return new Reply(200, null, null, json, null);
    }

    /** A WeChat API answer with a body that is not (valid) JSON, under the configured API Content-Type. */
    static Reply apiText(String body) {
        return new Reply(200, null, null, null, body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply html(int status, String html) {
        return new Reply(status, HTML, null, null, html.getBytes(StandardCharsets.UTF_8));
    }

    static Reply text(int status, String text) {
        return new Reply(status, CONTROL_TEXT, null, null, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A control-API JSON answer (our own API, so a proper charset). */
    static Reply controlJson(Object value) {
        return new Reply(200, CONTROL_JSON, null, null, Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    static Reply raw(int status, String contentType, byte[] body) {
        return new Reply(status, contentType == null ? "" : contentType, null, null, body);
    }

    static Reply redirect(int status, String location) {
        return new Reply(status, "", location, null, new byte[0]);
    }

    Reply withContentType(String contentType) {
        return new Reply(status, contentType, location, json, body);
    }

    Reply withJson(JsonObject json) {
        return new Reply(status, contentType, location, json, null);
    }

    byte[] bodyBytes() {
        return json != null ? json.toString().getBytes(StandardCharsets.UTF_8) : body;
    }
}

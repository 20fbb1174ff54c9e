package io.github.keycloakwechat.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * One misbehaviour to inject into an endpoint's answer. Build with the static factories; register with
 * {@link Faults}. Faults that replace the answer (errcode, httpStatus, htmlBody, malformedJson, emptyBody,
 * rawBody) short-circuit the request, so e.g. a code is not consumed; faults that alter the answer
 * (delay, oversizedJson, missingField, wrongType, contentType) let the request be processed normally first.
 */
public final class Fault {

    enum Kind {
        ERRCODE, DELAY, HTTP_STATUS, HTML_BODY, MALFORMED_JSON, OVERSIZED_JSON, EMPTY_BODY,
        MISSING_FIELD, WRONG_TYPE, RAW_BODY, CONTENT_TYPE
    }

    final Kind kind;
    final int number;          // errcode, HTTP status or byte count
    final String text;         // errmsg, field name or raw body
    final String contentType;  // for RAW_BODY and CONTENT_TYPE
    final Duration delay;

    private Fault(Kind kind, int number, String text, String contentType, Duration delay) {
        this.kind = kind;
        this.number = number;
        this.text = text;
        this.contentType = contentType;
        this.delay = delay;
    }

    /** HTTP 200 {@code {"errcode":N,"errmsg":"<realistic message>, rid: …"}}; on the authorize pages, an error page. */
    public static Fault errcode(int errcode) {
        return new Fault(Kind.ERRCODE, errcode, null, null, null);
    }

    /** Like {@link #errcode(int)} with an explicit errmsg (the rid suffix is still added). */
    public static Fault errcode(int errcode, String errmsg) {
        return new Fault(Kind.ERRCODE, errcode, Objects.requireNonNull(errmsg, "errmsg"), null, null);
    }

    /** Waits, then answers normally. */
    public static Fault delay(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("delay must be a non-negative duration");
        }
        return new Fault(Kind.DELAY, 0, null, null, d);
    }

    /** That HTTP status with a gateway-style HTML body, as a failing proxy in front of WeChat would send. */
    public static Fault httpStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new Fault(Kind.HTTP_STATUS, status, null, null, null);
    }

    /** HTTP 200 with an HTML error page instead of JSON. */
    public static Fault htmlBody() {
        return new Fault(Kind.HTML_BODY, 0, null, null, null);
    }

    /** HTTP 200 with a truncated JSON text under the normal API Content-Type. */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 0, null, null, null);
    }

    /** The normal answer padded (with a trailing {@code "padding"} field) to at least {@code bytes} bytes. */
    public static Fault oversizedJson(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0");
        }
        return new Fault(Kind.OVERSIZED_JSON, bytes, null, null, null);
    }

    /** HTTP 200 with no body at all. */
    public static Fault emptyBody() {
        return new Fault(Kind.EMPTY_BODY, 0, null, null, null);
    }

    /** The normal answer without that field (JSON endpoints only). */
    public static Fault missingField(String field) {
        return new Fault(Kind.MISSING_FIELD, 0, requireField(field), null, null);
    }

    /** The normal answer with that field of the wrong JSON type: strings become numbers, numbers strings, arrays objects. */
    public static Fault wrongType(String field) {
        return new Fault(Kind.WRONG_TYPE, 0, requireField(field), null, null);
    }

    /** HTTP 200 with exactly this body and Content-Type (empty or null Content-Type: no header). */
    public static Fault rawBody(String contentType, String body) {
        return new Fault(Kind.RAW_BODY, 0, Objects.requireNonNull(body, "body"), contentType == null ? "" : contentType, null);
    }

    /** The normal answer under this Content-Type header (empty: no header). */
    public static Fault contentType(String contentType) {
        return new Fault(Kind.CONTENT_TYPE, 0, null, Objects.requireNonNull(contentType, "contentType"), null);
    }

    /** Field faults need a JSON answer to act on; the authorize endpoints answer HTML. */
    boolean appliesTo(SimEndpoint endpoint) {
        return !(endpoint.servesPages() && (kind == Kind.MISSING_FIELD || kind == Kind.WRONG_TYPE));
    }

    @Override
    public String toString() {
        switch (kind) {
            case ERRCODE: return "errcode(" + number + (text == null ? "" : ", " + text) + ")";
            case DELAY: return "delay(" + delay + ")";
            case HTTP_STATUS: return "httpStatus(" + number + ")";
            case OVERSIZED_JSON: return "oversizedJson(" + number + ")";
            case MISSING_FIELD: return "missingField(" + text + ")";
            case WRONG_TYPE: return "wrongType(" + text + ")";
            case RAW_BODY: return "rawBody(" + contentType + ", " + text.length() + " chars)";
            case CONTENT_TYPE: return "contentType(" + contentType + ")";
            default: return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String requireField(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("field must not be blank");
        }
        return field;
    }
}

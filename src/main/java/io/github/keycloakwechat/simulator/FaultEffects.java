package io.github.keycloakwechat.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Turns a planned {@link Fault} into the answer of the current call. */
final class FaultEffects {

    private static final String PADDING_FIELD = "padding";

    private FaultEffects() {
    }

    static Reply apply(Fault fault, SimEndpoint endpoint, Supplier<Reply> normal) {
        if (fault == null) {
            return normal.get();
        }
        switch (fault.kind) {
            case ERRCODE:
                if (endpoint.servesPages()) {
                    return Reply.html(200, ErrorPages.faultPage(fault.number));
                }
                return Reply.api(fault.text == null ? ErrorCodes.error(fault.number) : ErrorCodes.error(fault.number, fault.text));
            case DELAY:
                sleep(fault.delay.toMillis());
                return normal.get();
            case HTTP_STATUS:
                return Reply.html(fault.number, ErrorPages.gateway(fault.number));
            case HTML_BODY:
                return Reply.html(200, ErrorPages.wechatHtmlError());
            case MALFORMED_JSON:
                return Reply.apiText("{\"errcode\":-1,\"errmsg\":\"system error\",\"rid\":");
            case EMPTY_BODY:
                return Reply.apiText("");
            case RAW_BODY:
                return Reply.raw(200, fault.contentType, fault.text.getBytes(StandardCharsets.UTF_8));
            case CONTENT_TYPE:
                return normal.get().withContentType(fault.contentType);
            case OVERSIZED_JSON:
                return edit(normal.get(), json -> pad(json, fault.number));
            case MISSING_FIELD:
                return edit(normal.get(), json -> json.without(fault.text));
            case WRONG_TYPE:
                return edit(normal.get(), json -> json.has(fault.text) ? json.replacing(fault.text, wrongType(json.get(fault.text))) : json);
            default:
                throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private static Reply edit(Reply reply, UnaryOperator<JsonObject> change) {
        return reply.json == null ? reply : reply.withJson(change.apply(reply.json));
    }

    /** Adds a trailing string field so the UTF-8 body is at least {@code bytes} long (exactly, when it was shorter). */
    private static JsonObject pad(JsonObject json, int bytes) {
        int current = json.toString().getBytes(StandardCharsets.UTF_8).length;
        int overhead = (json.keys().isEmpty() ? 0 : 1) + ("\"" + PADDING_FIELD + "\":\"\"").length();
        int fill = bytes - current - overhead;
        return fill < 0 ? json : json.copy().put(PADDING_FIELD, "x".repeat(fill));
    }

    /** Strings become numbers (what a sloppy client mis-parses), numbers strings, arrays objects. */
    private static Object wrongType(Object value) {
        if (value instanceof String) {
            return 1234567890L;
        }
        if (value instanceof Number) {
            return String.valueOf(value);
        }
        if (value instanceof List) {
            return new JsonObject();
        }
        if (value instanceof JsonObject) {
            return List.of();
        }
        return "wrong-type";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

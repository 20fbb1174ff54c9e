package io.github.keycloakwechat.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered JSON object: WeChat's key order is part of the shape clients see. Kept as a model (not a
 * string) until written, so faults can drop or retype a field of a normal answer.
 */
final class JsonObject {

    private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();

    JsonObject put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    Object get(String key) {
        return fields.get(key);
    }

    List<String> keys() {
        return new ArrayList<>(fields.keySet());
    }

    JsonObject copy() {
        JsonObject copy = new JsonObject();
        copy.fields.putAll(fields);
        return copy;
    }

    /** A copy without {@code key}. */
    JsonObject without(String key) {
        JsonObject copy = new JsonObject();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!e.getKey().equals(key)) {
                copy.put(e.getKey(), e.getValue());
            }
        }
        return copy;
    }

    /** A copy with {@code key}'s value replaced in place (key order kept); unchanged if absent. */
    JsonObject replacing(String key, Object value) {
        JsonObject copy = new JsonObject();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            copy.put(e.getKey(), e.getKey().equals(key) ? value : e.getValue());
        }
        return copy;
    }

    void appendTo(StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Json.quote(out, e.getKey());
            out.append(':');
            Json.append(out, e.getValue());
        }
        out.append('}');
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}

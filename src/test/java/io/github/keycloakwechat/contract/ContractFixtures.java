package io.github.keycloakwechat.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The published WeChat response bodies under {@code src/test/resources/wechat-contract/} and their index,
 * {@code manifest.json}: for each body, the endpoint that answers it, its variant, whether it is a shape
 * reference for the simulator, and where WeChat or an SDK publishes it.
 */
public final class ContractFixtures {

    public static final String DIRECTORY = "wechat-contract";
    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One published body. {@code variant} is one of unionid, no-unionid, snapshot, error. */
    public record Fixture(String file, String endpoint, String variant, boolean shape, String source, String note,
                          byte[] bytes) {

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return ContractFixtures.json(text());
        }

        public boolean isError() {
            return "error".equals(variant);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** A Content-Type WeChat has been seen to send, with where that was reported. */
    public record ContentType(String value, String source) {

        @Override
        public String toString() {
            return value;
        }
    }

    private ContractFixtures() {
    }

    public static List<Fixture> all() {
        List<Fixture> fixtures = new ArrayList<>();
        for (JsonNode entry : manifest().path("fixtures")) {
            String file = entry.path("file").asText();
            fixtures.add(new Fixture(file, entry.path("endpoint").asText(), entry.path("variant").asText(),
                    entry.path("shape").asBoolean(), entry.path("source").asText(), entry.path("note").asText(),
                    resource(file)));
        }
        return fixtures;
    }

    public static List<ContentType> contentTypes() {
        List<ContentType> types = new ArrayList<>();
        for (JsonNode entry : manifest().path("contentTypes")) {
            types.add(new ContentType(entry.path("value").asText(), entry.path("source").asText()));
        }
        return types;
    }

    /** The shape references of one endpoint and variant. */
    public static List<Fixture> shapes(String endpoint, String variant) {
        return all().stream().filter(f -> f.shape() && f.endpoint().equals(endpoint) && f.variant().equals(variant)).toList();
    }

    /** The files in the fixture directory, the index excepted (read from the source tree). */
    public static List<String> filesOnDisk() {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources").resolve(DIRECTORY);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !name.equals(MANIFEST)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field name to JSON type (string, number, boolean, array, object, null), in the body's order. */
    public static Map<String, String> shapeOf(JsonNode body) {
        Map<String, String> shape = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            shape.put(field.getKey(), field.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return shape;
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private static JsonNode manifest() {
        return json(new String(resource(MANIFEST), StandardCharsets.UTF_8));
    }

    private static byte[] resource(String file) {
        try (InputStream in = ContractFixtures.class.getClassLoader().getResourceAsStream(DIRECTORY + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + DIRECTORY + "/" + file + " on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.keycloakwechat.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.junit.jupiter.api.Test;

/**
 * The simulator ships as its own JDK-only jar, and the provider jar leaves it out: so no simulator class may use
 * Keycloak, Jackson or the provider's classes, and no provider class the simulator's. Checked on the sources: a
 * fully qualified name in code counts as much as an import, and so does a constant the compiler would inline.
 */
class SimulatorBoundaryTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String ROOT = "io.github.keycloakwechat";
    private static final String SIMULATOR = WeChatSimulator.class.getPackageName();
    /** What the simulator jar may import: the JDK (its HTTP server included) and itself. */
    private static final List<String> SIMULATOR_IMPORTS = List.of("java.", "javax.", "com.sun.net.httpserver.", SIMULATOR + ".");
    /**
     * The one exception: the simulator's Testcontainers module, compiled against Testcontainers, which its users'
     * test classpath brings. Nothing else of the simulator touches it, so {@code java -jar} never loads it.
     */
    private static final String CONTAINER_MODULE = SIMULATOR + ".testcontainers";

    @Test
    void simulatorUsesNoKeycloakJacksonOrProviderClass() {
        List<String> violations = new ArrayList<>();
        for (JavaSource source : sources(true)) {
            for (String forbidden : List.of("org.keycloak", "com.fasterxml.jackson", ROOT)) {
                source.namesIn(forbidden).stream().filter(name -> !inSimulator(name))
                        .forEach(name -> violations.add(MAIN.relativize(source.path()) + ": " + name));
            }
        }
        assertEquals(List.of(), violations, "the simulator jar is JDK only and knows nothing of the provider");
    }

    @Test
    void simulatorImportsOnlyTheJdk() {
        List<String> violations = new ArrayList<>();
        for (JavaSource source : sources(true)) {
            List<String> allowed = new ArrayList<>(SIMULATOR_IMPORTS);
            if (inContainerModule(source)) {
                allowed.add("org.testcontainers.");
            }
            source.imports().stream().filter(name -> allowed.stream().noneMatch(name::startsWith))
                    .forEach(name -> violations.add(MAIN.relativize(source.path()) + ": import " + name));
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void onlyTheContainerModuleKnowsTestcontainersAndNoSimulatorClassKnowsTheModule() {
        List<String> violations = new ArrayList<>();
        for (JavaSource source : sources(true)) {
            if (!inContainerModule(source)) {
                for (String forbidden : List.of("org.testcontainers", CONTAINER_MODULE)) {
                    source.namesIn(forbidden).forEach(name -> violations.add(MAIN.relativize(source.path()) + ": " + name));
                }
            }
        }
        assertEquals(List.of(), violations, "the standalone simulator runs without Testcontainers");
    }

    private static boolean inContainerModule(JavaSource source) {
        return MAIN.relativize(source.path()).toString().startsWith(CONTAINER_MODULE.replace('.', '/') + "/");
    }

    @Test
    void providerUsesNoSimulatorClass() {
        List<String> violations = new ArrayList<>();
        List<JavaSource> provider = sources(false);
        assertFalse(provider.isEmpty(), "provider sources found under " + MAIN.toAbsolutePath());
        for (JavaSource source : provider) {
            source.namesIn(SIMULATOR).forEach(name -> violations.add(MAIN.relativize(source.path()) + ": " + name));
        }
        assertEquals(List.of(), violations, "the provider jar leaves the simulator out");
    }

    @Test
    void pomSplitsTheJarsAtTheSimulatorPackage() {
        JarSplit split = JarSplit.fromPom(Path.of("pom.xml"));
        String simulatorClasses = SIMULATOR.replace('.', '/') + "/**";
        assertEquals(List.of(simulatorClasses), split.providerExcludes(), "the provider jar leaves out exactly the simulator");
        assertEquals(List.of(simulatorClasses), split.simulatorClassIncludes(), "the simulator jar holds exactly the simulator");
        assertEquals(SIMULATOR + ".Main", split.simulatorMainClass());
    }

    @Test
    void fullyQualifiedUseCountsButCommentsAndStringsDoNot() {
        JavaSource source = JavaSource.parse(Path.of("X.java"), String.join("\n",
                "package io.github.keycloakwechat.simulator;",
                "// org.keycloak.models.UserModel in a comment",
                "/* com.fasterxml.jackson.databind.JsonNode */",
                "class X {",
                "    String s = \"io.github.keycloakwechat.api.WeChatApiClient \\\" org.keycloak.x\";",
                "    char c = '\"';",
                "    Object o = new com.fasterxml.jackson.databind.ObjectMapper();",
                "    Object p = org . keycloak . models . KeycloakSession.class;",
                "}"));
        assertEquals(SIMULATOR, source.packageName());
        assertEquals(Set.of("com.fasterxml.jackson.databind.ObjectMapper"), source.namesIn("com.fasterxml.jackson"));
        assertEquals(Set.of("org.keycloak.models.KeycloakSession.class"), source.namesIn("org.keycloak"));
        assertEquals(Set.of(), source.namesIn("io.github.keycloakwechat.api"));
        assertTrue(source.imports().isEmpty());
    }

    private static boolean inSimulator(String name) {
        return name.equals(SIMULATOR) || name.startsWith(SIMULATOR + ".");
    }

    /** The main sources of the simulator's package (and below), or of every other package. */
    private static List<JavaSource> sources(boolean simulator) {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(JavaSource::read)
                    .filter(source -> inSimulator(source.packageName()) == simulator).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

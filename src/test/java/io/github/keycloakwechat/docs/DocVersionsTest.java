package io.github.keycloakwechat.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The docs name the version pom.xml builds: the jar names a reader copies ({@code keycloak-wechat-0.1.0-SNAPSHOT.jar},
 * {@code …-simulator.jar}) and the simulator's Maven coordinates, in README.md, docs/**.md and docker-compose.yml.
 * A placeholder ({@code keycloak-wechat-<version>.jar}) is not a version and is left alone.
 */
class DocVersionsTest {

    /** A jar name with a version in it; the version is group 1. */
    private static final Pattern JAR = Pattern.compile("keycloak-wechat-(\\d[^\\s`\"'/)]*?)(?:-simulator)?\\.jar");
    /** This project's Maven coordinates (in pom.xml, and in a dependency snippet); the version is group 1. */
    private static final Pattern COORDINATES =
            Pattern.compile("<artifactId>keycloak-wechat</artifactId>\\s*<version>([^<]+)</version>");

    @Test
    void everyVersionTheDocsNameIsThePomVersion() throws IOException {
        Matcher pom = COORDINATES.matcher(read(DocFiles.root().resolve("pom.xml")));
        assertTrue(pom.find(), "pom.xml: the project's <artifactId> and <version>");
        String version = pom.group(1);

        List<Path> files = new ArrayList<>(DocFiles.markdownPages());
        files.add(DocFiles.root().resolve("docker-compose.yml"));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            String text = read(file);
            for (Pattern pattern : List.of(JAR, COORDINATES)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    checked++;
                    if (!m.group(1).equals(version)) {
                        wrong.add(DocFiles.root().relativize(file) + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(checked > 0, "no versioned jar names found: is the working directory the project?");
        assertEquals(List.of(), wrong, "Versions in the docs that are not pom.xml's " + version);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}

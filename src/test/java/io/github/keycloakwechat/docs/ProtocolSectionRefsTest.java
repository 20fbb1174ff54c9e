package io.github.keycloakwechat.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every {@code §N} or {@code §N.M} in the code and the docs names a section of docs/wechat-protocol.md, the
 * protocol reference they cite: a renumbered or missing section would leave readers pointing at nothing.
 */
class ProtocolSectionRefsTest {

    private static final Path REFERENCE = DocFiles.root().resolve("docs/wechat-protocol.md");
    private static final Pattern CITED = Pattern.compile("§(\\d+(?:\\.\\d+)?)");
    /** "## 2. Token exchange …" and "### 2.1 Exchange code". */
    private static final Pattern SECTION = Pattern.compile("^#{2,3}\\s+(\\d+(?:\\.\\d+)?)\\.?\\s.*");

    @Test
    void everyCitedSectionExistsInTheReference() {
        Set<String> sections = sections();
        List<String> dangling = new ArrayList<>();
        int cited = 0;
        for (Path file : citingFiles()) {
            List<String> lines = DocFiles.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = CITED.matcher(lines.get(i));
                while (m.find()) {
                    cited++;
                    if (!sections.contains(m.group(1))) {
                        dangling.add(DocFiles.root().relativize(file) + ":" + (i + 1) + " cites §" + m.group(1));
                    }
                }
            }
        }
        assertTrue(cited > 20, "only " + cited + " section references found: is the working directory the project?");
        assertEquals(List.of(), dangling, "Sections cited but not in docs/wechat-protocol.md");
    }

    @Test
    void sectionsAreReadFromTheHeadings() {
        Set<String> sections = sections();
        assertTrue(sections.containsAll(List.of("0", "2", "2.1", "4.4", "12")), sections.toString());
        assertFalse(sections.contains("12.9"), "list items are not sections");
    }

    private static Set<String> sections() {
        Set<String> sections = new HashSet<>();
        for (String line : DocFiles.lines(REFERENCE)) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                sections.add(m.group(1));
            }
        }
        return sections;
    }

    /** Java and JavaScript sources, main and test, and every Markdown page except the reference itself. */
    private static List<Path> citingFiles() {
        List<Path> files = new ArrayList<>(DocFiles.markdownPages());
        files.remove(REFERENCE);
        try (Stream<Path> sources = Files.walk(DocFiles.root().resolve("src"))) {
            sources.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".js")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}

package io.github.keycloakwechat.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/**.md points to a file that exists, and every {@code #anchor}
 * to a heading of the page it names (GitHub's heading ids). Links to other sites are not checked.
 */
class DocLinksTest {

    /** {@code [text](target)} and {@code ![alt](target)}, with an optional "title". */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    @Test
    void everyRelativeLinkResolves() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : DocFiles.markdownPages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: …
                }
                checked++;
                String problem = problem(page, target);
                if (problem != null) {
                    broken.add(DocFiles.root().relativize(page) + ": (" + target + ") " + problem);
                }
            }
        }
        assertTrue(checked > 0, "no relative links found: is the working directory the project?");
        assertEquals(List.of(), broken, "Broken links in the docs");
    }

    @Test
    void headingIdsFollowGitHub() {
        assertEquals("security", slug("Security"));
        assertEquals("one-sign-in-from-the-button-to-the-stored-user", slug("One sign-in, from the button to the stored user"));
        assertEquals("安全", slug("安全"));
        assertEquals("40029-invalid-code", slug("`40029` invalid code"));
    }

    private static String problem(Path page, String target) {
        int hash = target.indexOf('#');
        String file = URLDecoder.decode(hash >= 0 ? target.substring(0, hash) : target, StandardCharsets.UTF_8);
        String anchor = hash >= 0 ? URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(DocFiles.root())) {
            return "points outside the project";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(anchor.toLowerCase(Locale.ROOT))) {
            return "no heading #" + anchor + " in " + resolved.getFileName();
        }
        return null;
    }

    /** Link targets outside code blocks and inline code. */
    static List<String> links(Path page) {
        List<String> targets = new ArrayList<>();
        boolean inFence = false;
        for (String line : DocFiles.lines(page)) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private static Set<String> anchors(Path page) {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : DocFiles.lines(page)) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!inFence && m.matches()) {
                String id = slug(m.group(1));
                int n = seen.merge(id, 1, Integer::sum);
                ids.add(n == 1 ? id : id + "-" + (n - 1));
            }
        }
        return ids;
    }

    /** GitHub's heading id: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder id = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                id.appendCodePoint(c);
            } else if (c == ' ') {
                id.append('-');
            }
        });
        return id.toString();
    }
}

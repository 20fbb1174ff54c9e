package io.github.keycloakwechat.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java source file as the compiler sees its names: comments, strings and character literals blanked out, so a
 * package named in a comment or a message does not count, while a fully qualified use in code does.
 */
record JavaSource(Path path, String code) {

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
    /** A dotted name not preceded by a dot: {@code org.keycloak.models.UserModel}, {@code java.util.List}. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("(?<![\\w$.])[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+");
    private static final Pattern SPACE_AROUND_DOTS = Pattern.compile("\\s*\\.\\s*");

    static JavaSource read(Path path) {
        try {
            return parse(path, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JavaSource parse(Path path, String text) {
        // "org . keycloak" is legal Java too.
        return new JavaSource(path, SPACE_AROUND_DOTS.matcher(blankCommentsAndLiterals(text)).replaceAll("."));
    }

    String packageName() {
        Matcher m = PACKAGE.matcher(code);
        return m.find() ? m.group(1) : "";
    }

    List<String> imports() {
        return IMPORT.matcher(code).results().map(m -> m.group(1)).toList();
    }

    /** Every dotted name in the code (imports and fully qualified uses alike) that is, or is inside, the package. */
    Set<String> namesIn(String packageName) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = QUALIFIED_NAME.matcher(code);
        while (m.find()) {
            if (m.group().equals(packageName) || m.group().startsWith(packageName + ".")) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Comments, string literals (text blocks included) and char literals replaced by spaces. */
    static String blankCommentsAndLiterals(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end;
            if (text.startsWith("//", i)) {
                end = indexOrEnd(text, "\n", i);
            } else if (text.startsWith("/*", i)) {
                end = indexOrEnd(text, "*/", i + 2) + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                end = literalEnd(text, i + 3, "\"\"\"");
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                end = literalEnd(text, i + 1, String.valueOf(text.charAt(i)));
            } else {
                out.append(text.charAt(i++));
                continue;
            }
            end = Math.min(end, text.length());
            out.append(" ".repeat(end - i));
            i = end;
        }
        return out.toString();
    }

    private static int indexOrEnd(String text, String token, int from) {
        int at = text.indexOf(token, from);
        return at < 0 ? text.length() : at;
    }

    /** Just past the closing quote(s), skipping backslash escapes. */
    private static int literalEnd(String text, int from, String close) {
        int i = from;
        while (i < text.length() && !text.startsWith(close, i)) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + close.length();
    }
}

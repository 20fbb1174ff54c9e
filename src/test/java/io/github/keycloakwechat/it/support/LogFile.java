package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The part of an append-only log file written since this run started: earlier runs' output stays in the file
 * for people, but never leaks into this run's assertions.
 */
final class LogFile {

    private final Path file;
    private final long startOffset;

    private LogFile(Path file, long startOffset) {
        this.file = file;
        this.startOffset = startOffset;
    }

    /** Marks the current end of {@code file} (created if missing) as the start of this run's log. */
    static LogFile startingNow(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return new LogFile(file, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the log file " + file, e);
        }
    }

    Path path() {
        return file;
    }

    /** Everything written since the start mark. */
    String text() {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length() - startOffset;
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[Math.toIntExact(length)];
            in.seek(startOffset);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the log file " + file, e);
        }
    }

    /** The last {@code count} lines since the start mark, for failure messages. */
    String tail(int count) {
        List<String> lines = text().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}

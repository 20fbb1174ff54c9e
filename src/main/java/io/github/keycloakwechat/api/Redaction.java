package io.github.keycloakwechat.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes out of text bound for a log what must never reach one: the values a call carried (AppSecret, code,
 * tokens) and the query string of any URL. Our calls are GETs as WeChat documents them (protocol §2.1), so the
 * request URL itself carries the AppSecret: an exception message that quotes it must not be logged as it is.
 */
final class Redaction {

    /** Shorter values are not hidden: replacing them would mangle the text, and no real secret is that short. */
    static final int MIN_HIDDEN_LENGTH = 6;
    static final String HIDDEN = "***";
    /** A URL or path and its query: {@code http://host/p?a=b}, {@code /sns/oauth2/access_token?appid=…}. */
    private static final Pattern URL_QUERY = Pattern.compile("((?:[a-zA-Z][a-zA-Z0-9+.-]*://|/)[^\\s?#'\"<>]*)\\?[^\\s'\"<>\\]]*");
    /** Causes are rarely more than a few deep; a bound also ends a cycle. */
    private static final int MAX_CAUSES = 8;

    private final List<String> hidden = new ArrayList<>();

    Redaction(String... values) {
        for (String value : values) {
            if (value != null && value.length() >= MIN_HIDDEN_LENGTH) {
                hidden.add(value);
            }
        }
    }

    /** The text without the hidden values and without URL query strings; null stays null. */
    String text(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : hidden) {
            out = out.replace(value, HIDDEN);
        }
        return URL_QUERY.matcher(out).replaceAll("$1?" + HIDDEN);
    }

    /**
     * A stand-in for {@code cause} and its causes, safe to log with its stack trace: same types (by name), same
     * stack frames, messages redacted. HTTP client exceptions may quote the request URL.
     */
    Redacted cause(Throwable cause) {
        return cause == null ? null : redacted(cause, 0);
    }

    private Redacted redacted(Throwable t, int depth) {
        Throwable next = t.getCause();
        Redacted inner = next == null || next == t || depth >= MAX_CAUSES ? null : redacted(next, depth + 1);
        Redacted copy = new Redacted(t.getClass().getName(), text(t.getMessage()), inner);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** A redacted exception; its {@link #toString()} reads like the original's ({@code type: message}). */
    static final class Redacted extends IOException {

        private final String originalType;

        Redacted(String originalType, String message, Redacted cause) {
            super(message, cause);
            this.originalType = originalType;
        }

        String originalType() {
            return originalType;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? originalType : originalType + ": " + message;
        }
    }
}

package io.github.keycloakwechat.api.push;

/**
 * A message WeChat pushed (or something pretending to be WeChat pushed) that cannot be trusted or read. The
 * {@link #reason()} is a short fixed word fit for a log or a metric; the message adds a few words, never the body.
 */
public class WeChatPushException extends Exception {

    public static final String BAD_SIGNATURE = "bad_signature";
    public static final String BAD_XML = "bad_xml";
    public static final String DOCTYPE = "doctype";
    public static final String BAD_CIPHER = "bad_cipher";
    public static final String WRONG_APPID = "wrong_appid";

    private final String reason;

    public WeChatPushException(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    /** One of the constants above: {@code bad_signature}, {@code bad_xml}, {@code doctype}, {@code bad_cipher}, {@code wrong_appid}. */
    public String reason() {
        return reason;
    }
}

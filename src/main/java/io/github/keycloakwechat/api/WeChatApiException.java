package io.github.keycloakwechat.api;

/**
 * A WeChat API call that did not give us a usable answer.
 *
 * <p>{@link Kind#WECHAT_ERROR} carries WeChat's own {@code errcode}; the other kinds are failures of
 * the transport or of the response itself. Neither the message nor the cause contains the AppSecret, the code,
 * tokens or the request URL's query: {@link WeChatApiClient} redacts them before they get here.
 */
public class WeChatApiException extends Exception {

    public enum Kind {
        /** WeChat answered with {@code {"errcode":N,...}} (always HTTP 200). */
        WECHAT_ERROR,
        /** No answer in time, connection refused, TLS failure. */
        UNREACHABLE,
        /** An answer we cannot use: HTTP 5xx, HTML, not JSON, too large, fields missing or of the wrong type. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final WeChatEndpoint endpoint;
    private final Integer errcode;

    public WeChatApiException(Kind kind, WeChatEndpoint endpoint, Integer errcode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.endpoint = endpoint;
        this.errcode = errcode;
    }

    static WeChatApiException wechatError(WeChatEndpoint endpoint, int errcode, String errmsg) {
        return new WeChatApiException(Kind.WECHAT_ERROR, endpoint, errcode,
                endpoint.path() + " answered errcode " + errcode + " (" + errmsg + ")", null);
    }

    static WeChatApiException badResponse(WeChatEndpoint endpoint, String what) {
        return new WeChatApiException(Kind.BAD_RESPONSE, endpoint, null, endpoint.path() + ": " + what, null);
    }

    /** {@code causeType} names what went wrong; {@code cause} must already be redacted (it is logged at DEBUG). */
    static WeChatApiException unreachable(WeChatEndpoint endpoint, String causeType, Throwable cause) {
        return new WeChatApiException(Kind.UNREACHABLE, endpoint, null,
                endpoint.path() + " could not be reached: " + causeType, cause);
    }

    public Kind kind() {
        return kind;
    }

    public WeChatEndpoint endpoint() {
        return endpoint;
    }

    /** WeChat's errcode, or {@code null} when WeChat did not send one. */
    public Integer errcode() {
        return errcode;
    }
}

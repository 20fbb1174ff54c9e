package io.github.keycloakwechat.grant;

import io.github.keycloakwechat.api.WeChatApiException;
import jakarta.ws.rs.core.Response;

/**
 * A code-grant request that ends without tokens: the standard OAuth error the app receives ({@code error},
 * {@code error_description}, HTTP status) and what the Keycloak event records (reason, WeChat's errcode).
 */
class CodeGrantException extends Exception {

    private final String error;
    private final Response.Status status;
    private final String reason;
    private final transient WeChatApiException cause;

    CodeGrantException(String error, String description, Response.Status status, String reason) {
        this(error, description, status, reason, null);
    }

    CodeGrantException(String error, String description, Response.Status status, String reason,
                       WeChatApiException cause) {
        super(description);
        this.error = error;
        this.status = status;
        this.reason = reason;
        this.cause = cause;
    }

    static CodeGrantException invalidRequest(String description) {
        return new CodeGrantException("invalid_request", description, Response.Status.BAD_REQUEST, "invalid_request");
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }

    Response.Status status() {
        return status;
    }

    String reason() {
        return reason;
    }

    /** The WeChat call that failed, or {@code null} when WeChat was not the cause. */
    WeChatApiException wechatCause() {
        return cause;
    }
}

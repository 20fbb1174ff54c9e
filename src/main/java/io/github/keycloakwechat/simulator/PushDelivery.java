package io.github.keycloakwechat.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What became of one push to an Official Account's message server (§7.3): every attempt as it went on the wire,
 * so a test can send the same bytes again, and how it ended.
 *
 * @param event {@code subscribe} or {@code SCAN}
 * @param openid the scanner's openid for the account ({@code FromUserName})
 */
public record PushDelivery(String appId, String openid, String event, String ticket, Status status, List<Attempt> attempts) {

    /** How the push ended. */
    public enum Status {
        /** The server answered {@code success} or nothing, HTTP 200, within the timeout: WeChat is done. */
        ACKNOWLEDGED,
        /** HTTP 200 with another body (a passive reply): no retry. */
        REPLIED,
        /** An answer with another HTTP status: no retry either, the simulator's reading [UNCONFIRMED]. */
        HTTP_ERROR,
        /** No answer within the timeout (or no connection) on every attempt. */
        NO_ANSWER,
        /** The account has no message server: WeChat pushed nothing. */
        NOT_CONFIGURED
    }

    /**
     * One POST. {@code httpStatus} is 0 when no answer came in time ({@code error} then says why).
     *
     * @param url with its query, as sent
     * @param body the bytes sent, {@code Content-Type: text/xml}
     */
    public record Attempt(String url, byte[] body, int httpStatus, String reply, long millis, String error) {

        public Attempt {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean answered() {
            return httpStatus != 0;
        }
    }

    public PushDelivery {
        attempts = List.copyOf(attempts);
    }

    /** The last attempt, or null when nothing was sent. */
    public Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }
}

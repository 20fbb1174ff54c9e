package io.github.keycloakwechat.api.push;

import java.util.Map;

/**
 * The fields of a push this extension reads (protocol §7.3), each null when absent. A sign-in by scanning an
 * Official Account's temporary QR code arrives as a {@code subscribe} event (a new follower, {@code EventKey}
 * {@code qrscene_} + scene) or a {@code SCAN} event (a follower already, {@code EventKey} the bare scene).
 *
 * @param fromUserName the scanner's openid for this Official Account: never a unionid
 * @param createTime WeChat's seconds since the epoch, as sent
 * @param encrypt the ciphertext of compatible and safe mode
 */
public record WeChatPushMessage(String toUserName, String fromUserName, String createTime, String msgType,
                                String event, String eventKey, String ticket, String msgId, String encrypt) {

    private static final String SUBSCRIBE_PREFIX = "qrscene_";

    /** The message from the fields {@link WeChatPushXml#parse} read. */
    public static WeChatPushMessage of(Map<String, String> fields) {
        return new WeChatPushMessage(fields.get("ToUserName"), fields.get("FromUserName"), fields.get("CreateTime"),
                fields.get("MsgType"), fields.get("Event"), fields.get("EventKey"), fields.get("Ticket"),
                fields.get("MsgId"), fields.get("Encrypt"));
    }

    /**
     * The scene of the QR code this push says was scanned, or null when it is no such scan. A subscribe without
     * the {@code qrscene_} prefix is a follow from elsewhere (search, a shared card): no sign-in.
     */
    public String loginScene() {
        if (!"event".equals(msgType) || eventKey == null) {
            return null;
        }
        String scene = null;
        if ("subscribe".equals(event) && eventKey.startsWith(SUBSCRIBE_PREFIX)) {
            scene = eventKey.substring(SUBSCRIBE_PREFIX.length());
        } else if ("SCAN".equals(event)) {
            scene = eventKey;
        }
        return scene == null || scene.isEmpty() ? null : scene;
    }

    /**
     * What tells a retry from a new push: WeChat sends the same message again when no answer came in time. A
     * message has a {@code MsgId}; an event has none and is known by its sender and {@code CreateTime}.
     */
    public String deliveryKey() {
        return msgId != null && !msgId.isEmpty() ? "msg:" + msgId : "evt:" + fromUserName + ":" + createTime;
    }
}

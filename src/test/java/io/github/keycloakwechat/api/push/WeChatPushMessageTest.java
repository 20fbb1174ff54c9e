package io.github.keycloakwechat.api.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which pushes are sign-ins and under which scene, and how a retry is recognised (protocol §7.3). */
class WeChatPushMessageTest {

    /** The reference's example of a new follower who scanned the code. */
    private static final String SUBSCRIBE = "<xml>\n"
            + "  <ToUserName><![CDATA[gh_a786fbe98353]]></ToUserName>\n"
            + "  <FromUserName><![CDATA[oW5Ux6ceqP-b0C-72qHEWZYk8Cr8]]></FromUserName>\n"
            + "  <CreateTime>1648535359</CreateTime>\n"
            + "  <MsgType><![CDATA[event]]></MsgType>\n"
            + "  <Event><![CDATA[subscribe]]></Event>\n"
            + "  <EventKey><![CDATA[qrscene_login_7f3a9c]]></EventKey>\n"
            + "  <Ticket><![CDATA[gQGv7zwAAAAAAAAAAS5odHRwOi8vd2VpeGluLnFxLmNvbS9xLzAydzVld0FUcmxjTkYxcEhEMnh5MVEAAgQvp0JiAwQ8AAAA]]></Ticket>\n"
            + "</xml>";

    @Test
    void aNewFollowersSubscribeCarriesTheSceneAfterQrscene() throws WeChatPushException {
        WeChatPushMessage message = WeChatPushMessage.of(WeChatPushXml.parse(SUBSCRIBE.getBytes(StandardCharsets.UTF_8)));
        assertEquals("gh_a786fbe98353", message.toUserName());
        assertEquals("oW5Ux6ceqP-b0C-72qHEWZYk8Cr8", message.fromUserName());
        assertEquals("1648535359", message.createTime());
        assertEquals("event", message.msgType());
        assertEquals("subscribe", message.event());
        assertEquals("login_7f3a9c", message.loginScene());
        assertEquals("gQGv7zwAAAAAAAAAAS5odHRwOi8vd2VpeGluLnFxLmNvbS9xLzAydzVld0FUcmxjTkYxcEhEMnh5MVEAAgQvp0JiAwQ8AAAA", message.ticket());
        assertNull(message.msgId());
        assertNull(message.encrypt());
        assertEquals("evt:oW5Ux6ceqP-b0C-72qHEWZYk8Cr8:1648535359", message.deliveryKey());
    }

    @Test
    void aFollowersScanCarriesTheBareScene() {
        assertEquals("login_7f3a9c", event("SCAN", "login_7f3a9c").loginScene());
        assertEquals("qrscene_x", event("SCAN", "qrscene_x").loginScene(), "SCAN keys are not stripped");
    }

    @Test
    void otherPushesAreNoSignIn() {
        assertNull(event("subscribe", null).loginScene(), "a follow without a QR code");
        assertNull(event("subscribe", "").loginScene());
        assertNull(event("subscribe", "login_7f3a9c").loginScene(), "a subscribe key without qrscene_");
        assertNull(event("subscribe", "qrscene_").loginScene(), "an empty scene");
        assertNull(event("SCAN", "").loginScene());
        assertNull(event("unsubscribe", "qrscene_x").loginScene());
        assertNull(event("scan", "login_7f3a9c").loginScene(), "event names are matched as WeChat writes them");
        assertNull(event("CLICK", "login_7f3a9c").loginScene());
        Map<String, String> text = new HashMap<>(Map.of("MsgType", "text", "Event", "SCAN", "EventKey", "login_7f3a9c"));
        assertNull(WeChatPushMessage.of(text).loginScene(), "only events");
    }

    @Test
    void aMessageIsKnownByItsMsgId() {
        Map<String, String> text = Map.of("MsgType", "text", "FromUserName", "o1", "CreateTime", "1", "MsgId", "6306264631030309910");
        assertEquals("msg:6306264631030309910", WeChatPushMessage.of(text).deliveryKey());
        assertEquals("evt:o1:1", WeChatPushMessage.of(Map.of("FromUserName", "o1", "CreateTime", "1", "MsgId", "")).deliveryKey());
    }

    private static WeChatPushMessage event(String event, String eventKey) {
        Map<String, String> fields = new HashMap<>();
        fields.put("MsgType", "event");
        fields.put("Event", event);
        fields.put("EventKey", eventKey);
        return WeChatPushMessage.of(fields);
    }
}

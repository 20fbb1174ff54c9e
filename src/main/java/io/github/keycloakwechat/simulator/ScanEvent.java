package io.github.keycloakwechat.simulator;

/**
 * The event WeChat pushes when someone scans an Official Account's parametric QR code (§7.3): {@code subscribe}
 * with {@code EventKey} {@code qrscene_} + scene for a new follower, {@code SCAN} with the bare scene for one who
 * follows already.
 */
record ScanEvent(String toUserName, String fromUserName, long createTime, boolean newFollower, String scene, String ticket) {

    String event() {
        return newFollower ? "subscribe" : "SCAN";
    }

    String eventKey() {
        return newFollower ? "qrscene_" + scene : scene;
    }

    /** The plaintext XML, fields in the order of WeChat's examples. */
    String xml() {
        return "<xml>" + fields() + "</xml>";
    }

    /** The elements inside {@code <xml>}, for a body that adds {@code <Encrypt>} after them (compatible mode). */
    String fields() {
        return cdata("ToUserName", toUserName)
                + cdata("FromUserName", fromUserName)
                + "<CreateTime>" + createTime + "</CreateTime>"
                + cdata("MsgType", "event")
                + cdata("Event", event())
                + cdata("EventKey", eventKey())
                + cdata("Ticket", ticket);
    }

    /** A CDATA element; a {@code ]]>} inside the text (a scene may hold one) is split across two sections. */
    static String cdata(String name, String text) {
        return "<" + name + "><![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]></" + name + ">";
    }
}

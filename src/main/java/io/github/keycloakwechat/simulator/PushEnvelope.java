package io.github.keycloakwechat.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A push as it goes on the wire (§7.3): the message server's URL with {@code signature}, {@code timestamp},
 * {@code nonce} and {@code openid} in the query (plus {@code encrypt_type=aes} and {@code msg_signature} in
 * compatible and safe mode), and the body the mode calls for.
 */
record PushEnvelope(String url, byte[] body) {

    static PushEnvelope of(MessageServers.MessageServer server, String appId, ScanEvent event, String nonce) {
        String timestamp = String.valueOf(event.createTime());
        StringBuilder query = new StringBuilder()
                .append("signature=").append(PushSigner.sign(server.token(), timestamp, nonce))
                .append("&timestamp=").append(timestamp)
                .append("&nonce=").append(nonce)
                .append("&openid=").append(URLEncoder.encode(event.fromUserName(), StandardCharsets.UTF_8));
        String body;
        if (server.mode().encrypted()) {
            String encrypt = new PushCrypt(server.encodingAesKey()).encrypt(event.xml(), appId);
            query.append("&encrypt_type=aes&msg_signature=").append(PushSigner.sign(server.token(), timestamp, nonce, encrypt));
            String head = server.mode() == PushMode.COMPATIBLE ? event.fields()
                    : ScanEvent.cdata("ToUserName", event.toUserName());
            body = "<xml>" + head + ScanEvent.cdata("Encrypt", encrypt) + "</xml>";
        } else {
            body = event.xml();
        }
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + query;
        return new PushEnvelope(url, body.getBytes(StandardCharsets.UTF_8));
    }
}

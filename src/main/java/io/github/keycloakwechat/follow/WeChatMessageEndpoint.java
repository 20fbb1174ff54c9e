package io.github.keycloakwechat.follow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.keycloakwechat.api.push.WeChatPushCipher;
import io.github.keycloakwechat.api.push.WeChatPushException;
import io.github.keycloakwechat.api.push.WeChatPushMessage;
import io.github.keycloakwechat.api.push.WeChatPushSignature;
import io.github.keycloakwechat.api.push.WeChatPushXml;
import io.github.keycloakwechat.broker.AppSecrets;
import io.github.keycloakwechat.broker.WeChatIdentityProviderConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The Official Account's message endpoint ({@code /realms/R/broker/ALIAS/endpoint/messages}), the server URL an
 * admin pastes into the account's server configuration (protocol §7.3). It answers WeChat's URL check, and takes
 * WeChat's pushes: every request's signature is checked, safe-mode messages are decrypted, the XML is read with
 * DTDs and entities refused, the body is capped, and a push is acted on once. A push that says a person scanned a
 * login page's QR code (a {@code subscribe} with {@code qrscene_SCENE}, or {@code SCAN} with {@code SCENE}) records
 * that person for the scene; every other message is answered {@code success} and ignored.
 */
public class WeChatMessageEndpoint {

    /** WeChat's pushes are a few hundred bytes; a safe-mode event with its envelope stays far below this. */
    static final int MAX_BODY_BYTES = WeChatPushXml.MAX_BODY_BYTES;
    /** How far a push's timestamp may be from our clock: WeChat retries within seconds. */
    static final long MAX_CLOCK_SKEW_SECONDS = 300;
    /** The answer that tells WeChat the push arrived and stops its retries. */
    static final String SUCCESS = "success";
    private static final String TEXT = "text/plain; charset=utf-8";
    /** openids are 28 characters of Base64url today; a little room, nothing else. */
    private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Logger LOG = Logger.getLogger(WeChatMessageEndpoint.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WeChatIdentityProviderConfig config;
    private final EventBuilder event;
    private final FollowScenes scenes;

    public WeChatMessageEndpoint(KeycloakSession session, RealmModel realm, WeChatIdentityProviderConfig config,
                                 EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.config = config;
        this.event = event;
        this.scenes = new FollowScenes(session);
    }

    /** WeChat's check of the server URL: the {@code echostr} back, verbatim, when the signature is ours. */
    @GET
    public Response verify(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
                           @QueryParam("nonce") String nonce, @QueryParam("echostr") String echostr) {
        Optional<String> token = token();
        if (token.isEmpty()) {
            return notConfigured();
        }
        if (echostr == null || !WeChatPushSignature.valid(token.get(), timestamp, nonce, signature)) {
            return refused(PushRefusal.SIGNATURE_INVALID);
        }
        return text(Response.Status.OK, echostr);
    }

    /** A push: an event or a message from a follower. */
    @POST
    public Response receive(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
                            @QueryParam("nonce") String nonce, @QueryParam("encrypt_type") String encryptType,
                            @QueryParam("msg_signature") String msgSignature, InputStream body) {
        Optional<String> token = token();
        if (token.isEmpty()) {
            return notConfigured();
        }
        if (!WeChatPushSignature.valid(token.get(), timestamp, nonce, signature)) {
            return refused(PushRefusal.SIGNATURE_INVALID);
        }
        if (!fresh(timestamp)) {
            return refused(PushRefusal.STALE);
        }
        byte[] bytes = readCapped(body);
        if (bytes == null) {
            return refused(PushRefusal.TOO_LARGE);
        }
        // The signature covers the query only: a signed query seen before (WeChat's retry, or a replay with
        // another body) changes nothing.
        if (!scenes.firstDelivery(realm, config.getAlias(), "q." + timestamp + "." + nonce)) {
            return success();
        }
        try {
            Map<String, String> fields = WeChatPushXml.parse(bytes);
            if ("aes".equals(encryptType)) {
                Optional<Map<String, String>> decrypted = decrypt(token.get(), timestamp, nonce, msgSignature, fields);
                if (decrypted.isEmpty()) {
                    return refused(PushRefusal.SIGNATURE_INVALID);
                }
                fields = decrypted.get();
            }
            return act(WeChatPushMessage.of(fields));
        } catch (WeChatPushException e) {
            return refused(PushRefusal.of(e));
        }
    }

    private Response act(WeChatPushMessage message) {
        if (!scenes.firstDelivery(realm, config.getAlias(), message.deliveryKey())) {
            return success(); // WeChat's retry with a new signature: acted on already
        }
        String scene = message.loginScene();
        String openid = message.fromUserName();
        if (scene != null && openid != null && OPENID.matcher(openid).matches()) {
            boolean recorded = scenes.recordScan(realm, config.getAlias(), scene, openid, lifespanSeconds());
            LOG.debugf("WeChat push in realm %s (provider %s): %s of a login QR code, %s", realm.getName(),
                    config.getAlias(), message.event(), recorded ? "recorded" : "no live scene of this provider");
        }
        return success();
    }

    /**
     * Safe or compatible mode: the {@code Encrypt} element, signed with {@code msg_signature} and decrypted with the
     * EncodingAESKey. Without a key (the admin chose plain mode here), a compatible-mode push still carries the
     * plaintext fields; a safe-mode one cannot be read, and the admin is told in the log.
     */
    private Optional<Map<String, String>> decrypt(String token, String timestamp, String nonce, String msgSignature,
                                                  Map<String, String> fields) throws WeChatPushException {
        String encrypt = fields.get("Encrypt");
        Optional<String> aesKey = resolve(config.getOfficialAccountEncodingAesKey());
        if (aesKey.isEmpty()) {
            if (fields.get("FromUserName") == null) {
                throw new WeChatPushException(PushRefusal.ENCRYPTED_WITHOUT_KEY.reason(),
                        "a safe-mode push, and no EncodingAESKey is configured");
            }
            return Optional.of(fields);
        }
        if (encrypt == null || !WeChatPushSignature.validMessage(token, timestamp, nonce, encrypt, msgSignature)) {
            return Optional.empty();
        }
        String xml = new WeChatPushCipher(aesKey.get()).decrypt(encrypt, config.getOfficialAccountAppId());
        return Optional.of(WeChatPushXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean fresh(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(Instant.now().getEpochSecond() - seconds) <= MAX_CLOCK_SKEW_SECONDS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The body, or null when it is longer than {@link #MAX_BODY_BYTES} (read no further than that). */
    private static byte[] readCapped(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : bytes;
        } catch (IOException e) {
            return null;
        }
    }

    private long lifespanSeconds() {
        return Math.max(60, realm.getAccessCodeLifespanLogin());
    }

    private Optional<String> token() {
        return config.hasOfficialAccount() ? resolve(config.getOfficialAccountToken()) : Optional.empty();
    }

    private Optional<String> resolve(String configured) {
        return configured == null || configured.isBlank() ? Optional.empty() : AppSecrets.value(session, configured);
    }

    private Response notConfigured() {
        LOG.debugf("WeChat push in realm %s (provider %s): no Official Account Token is configured", realm.getName(),
                config.getAlias());
        return text(Response.Status.NOT_FOUND, "This provider takes no WeChat pushes");
    }

    /** A refused push: an answer that names the reason, and an event for the admin. No secret is logged. */
    private Response refused(PushRefusal refusal) {
        event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(Details.REASON, refusal.reason())
                .error(refusal.error());
        if (refusal == PushRefusal.ENCRYPTED_WITHOUT_KEY) {
            LOG.warnf("WeChat provider %s in realm %s: a safe-mode push arrived and no EncodingAESKey is configured",
                    config.getAlias(), realm.getName());
            return success(); // no retry would make it readable
        }
        LOG.debugf("WeChat push refused in realm %s (provider %s): %s", realm.getName(), config.getAlias(),
                refusal.reason());
        return text(refusal.status(), refusal.reason());
    }

    private static Response success() {
        return text(Response.Status.OK, SUCCESS);
    }

    private static Response text(Response.Status status, String body) {
        return Response.status(status).type(TEXT).entity(body).build();
    }

    /** Why a push was refused: the event's reason and error, and the HTTP status WeChat gets. */
    enum PushRefusal {
        SIGNATURE_INVALID("message_signature_invalid", Errors.INVALID_SIGNATURE, Response.Status.UNAUTHORIZED),
        STALE("message_stale", Errors.INVALID_REQUEST, Response.Status.UNAUTHORIZED),
        TOO_LARGE("message_too_large", Errors.INVALID_REQUEST, Response.Status.REQUEST_ENTITY_TOO_LARGE),
        XML_REFUSED("message_xml_refused", Errors.INVALID_REQUEST, Response.Status.BAD_REQUEST),
        UNREADABLE("message_unreadable", Errors.INVALID_REQUEST, Response.Status.BAD_REQUEST),
        ENCRYPTED_WITHOUT_KEY("message_encrypted_without_key", Errors.INVALID_CONFIG, Response.Status.OK);

        private final String reason;
        private final String error;
        private final Response.Status status;

        PushRefusal(String reason, String error, Response.Status status) {
            this.reason = reason;
            this.error = error;
            this.status = status;
        }

        static PushRefusal of(WeChatPushException e) {
            for (PushRefusal refusal : values()) {
                if (refusal.reason.equals(e.reason())) {
                    return refusal;
                }
            }
            return switch (e.reason()) {
                case "doctype", "bad_xml" -> XML_REFUSED;
                default -> UNREADABLE;
            };
        }

        String reason() {
            return reason;
        }

        String error() {
            return error;
        }

        Response.Status status() {
            return status;
        }
    }
}

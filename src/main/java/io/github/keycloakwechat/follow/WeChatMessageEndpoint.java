package io.github.keycloakwechat.follow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.github.keycloakwechat.api.WeChatApiClient;
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

    /** How far a push's timestamp may be from our clock: WeChat retries within seconds. */
    static final long MAX_CLOCK_SKEW_SECONDS = 300;
    /** The answer that tells WeChat the push arrived and stops its retries. */
    static final String SUCCESS = "success";
    private static final String TEXT = "text/plain; charset=utf-8";
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
            if (!"aes".equals(encryptType)) {
                return act(WeChatPushMessage.of(fields));
            }
            Optional<String> aesKey = resolve(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_ENCODING_AES_KEY,
                    config.getOfficialAccountEncodingAesKey());
            if (aesKey.isPresent()) {
                String encrypt = fields.get("Encrypt");
                if (encrypt == null
                        || !WeChatPushSignature.validMessage(token.get(), timestamp, nonce, encrypt, msgSignature)) {
                    return refused(PushRefusal.SIGNATURE_INVALID);
                }
                String xml = new WeChatPushCipher(aesKey.get()).decrypt(encrypt, config.getOfficialAccountAppId());
                return act(WeChatPushMessage.of(WeChatPushXml.parse(xml.getBytes(StandardCharsets.UTF_8))));
            }
            // No key here (the admin chose plain mode): a compatible-mode push still carries the plaintext fields,
            // a safe-mode one cannot be read.
            if (fields.get("FromUserName") == null) {
                return refused(PushRefusal.ENCRYPTED_WITHOUT_KEY);
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
        if (scene != null && WeChatApiClient.isWeChatId(openid)) {
            boolean recorded = scenes.recordScan(realm, config.getAlias(), scene, openid);
            LOG.debugf("WeChat push in realm %s (provider %s): %s of a login QR code, %s", realm.getName(),
                    config.getAlias(), message.event(), recorded ? "recorded" : "no live scene of this provider");
        }
        return success();
    }

    private static boolean fresh(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(Instant.now().getEpochSecond() - seconds) <= MAX_CLOCK_SKEW_SECONDS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The body, or null when it is longer than the reader's cap (read no further than that). */
    private static byte[] readCapped(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(WeChatPushXml.MAX_BODY_BYTES + 1);
            return bytes.length > WeChatPushXml.MAX_BODY_BYTES ? null : bytes;
        } catch (IOException e) {
            return null;
        }
    }

    private Optional<String> token() {
        return config.hasOfficialAccount() ? resolve(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_TOKEN,
                config.getOfficialAccountToken()) : Optional.empty();
    }

    private Optional<String> resolve(String key, String configured) {
        return configured == null || configured.isBlank() ? Optional.empty()
                : AppSecrets.value(session, realm, config.getAlias(), key, configured);
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
            return switch (e.reason()) {
                case WeChatPushException.DOCTYPE, WeChatPushException.BAD_XML -> XML_REFUSED;
                default -> UNREADABLE; // a cipher that does not open, or that names another AppID
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

package io.github.keycloakwechat.benchmark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WeChat's pushes to the Official Account's message endpoint at a steady rate, signed as WeChat signs them
 * (SHA-1 of the sorted Token, timestamp and nonce; plain mode), each a scan event of a scene: one of a login page
 * that is really open, or one Keycloak never issued, half and half; every push a new delivery (its own nonce and
 * sender). And the same schedule of {@code GET /.well-known/openid-configuration} of the realm, the baseline.
 */
final class PushLoad {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern EVENT_KEY = Pattern.compile("<EventKey><!\\[CDATA\\[(.*?)]]></EventKey>");
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A scene and the ticket of its QR code. */
    record Scene(String scene, String ticket) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String messagesUrl;
    private final String wellKnownUrl;
    private final String token;
    private final String originalId;
    private final Random random = new Random(7);
    private final AtomicLong nonces = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    PushLoad(FollowRealm realm, String token, String originalId) {
        this.messagesUrl = realm.messagesUrl();
        this.wellKnownUrl = realm.wellKnownUrl();
        this.token = token;
        this.originalId = originalId;
    }

    /** The scene of a push body (a subscribe's {@code qrscene_} prefix removed). */
    static String sceneOf(String pushBody) {
        Matcher key = EVENT_KEY.matcher(pushBody);
        if (!key.find()) {
            throw new IllegalStateException("no EventKey in the push " + pushBody);
        }
        return key.group(1).startsWith("qrscene_") ? key.group(1).substring("qrscene_".length()) : key.group(1);
    }

    /**
     * {@code count} pushes at {@code perSecond}: half of them for the scenes of {@code real} in turn (each once, as
     * long as there are enough), half for scenes nobody issued, in a shuffled order; a subscribe or a SCAN at random.
     */
    OpenLoop.Outcome pushes(int count, int perSecond, int threads, List<Scene> real) throws InterruptedException {
        Scene[] scenes = new Scene[count];
        boolean[] subscribe = new boolean[count];
        for (int i = 0; i < count; i++) {
            scenes[i] = i % 2 == 0 && !real.isEmpty() ? real.get(i / 2 % real.size())
                    : new Scene(randomText(32), randomText(96) + "==");
            subscribe[i] = random.nextBoolean();
        }
        shuffle(scenes, subscribe);
        return OpenLoop.run(count, perSecond, threads, i -> push(scenes[i], subscribe[i]));
    }

    /** The baseline: {@code count} GETs of the realm's OpenID configuration at {@code perSecond}. */
    OpenLoop.Outcome wellKnown(int count, int perSecond, int threads) throws InterruptedException {
        return OpenLoop.run(count, perSecond, threads, i -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(wellKnownUrl)).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"issuer\"")) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
        });
    }

    private void push(Scene scene, boolean subscribe) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = String.valueOf(nonces.incrementAndGet());
        String openid = "oBench" + Long.toString(Long.parseLong(nonce), 36) + "x";
        String xml = "<xml><ToUserName><![CDATA[" + originalId + "]]></ToUserName>"
                + "<FromUserName><![CDATA[" + openid + "]]></FromUserName>"
                + "<CreateTime>" + timestamp + "</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + (subscribe ? "subscribe" : "SCAN") + "]]></Event>"
                + "<EventKey><![CDATA[" + (subscribe ? "qrscene_" : "") + scene.scene() + "]]></EventKey>"
                + "<Ticket><![CDATA[" + scene.ticket() + "]]></Ticket></xml>";
        String url = messagesUrl + "?signature=" + sign(token, timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&openid=" + URLEncoder.encode(openid, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !"success".equals(response.body())) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    /** WeChat's signature (protocol §7.3), written here again rather than taken from the code under test. */
    static String sign(String... values) {
        String[] sorted = values.clone();
        Arrays.sort(sorted);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return text.toString();
    }

    private void shuffle(Scene[] scenes, boolean[] subscribe) {
        for (int i = scenes.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Scene s = scenes[i];
            scenes[i] = scenes[j];
            scenes[j] = s;
            boolean b = subscribe[i];
            subscribe[i] = subscribe[j];
            subscribe[j] = b;
        }
    }
}

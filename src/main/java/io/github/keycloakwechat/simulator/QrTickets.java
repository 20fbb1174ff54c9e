package io.github.keycloakwechat.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The Official Accounts' parametric QR codes (§7.2): each ticket bound to its app and scene, temporary ones until
 * they expire on the simulator's clock. Synchronized: the API and scans touch it concurrently.
 */
final class QrTickets {

    /** Where a QR code's {@code url} points, as in WeChat's answers. */
    static final String URL_PREFIX = "http://weixin.qq.com/q/";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * One QR code. {@code scene} is the text an event carries ({@code scene_str}, or {@code scene_id} in decimal);
     * {@code numeric} tells which one it was. {@code expiresAt} is {@link Long#MAX_VALUE} for a permanent code.
     */
    record QrTicket(String ticket, String appId, String scene, boolean numeric, long expiresAt, String url) {

        boolean permanent() {
            return expiresAt == Long.MAX_VALUE;
        }
    }

    private final Map<String, QrTicket> byTicket = new HashMap<>();
    private final SimClock clock;

    QrTickets(SimClock clock) {
        this.clock = clock;
    }

    /** A new code; {@code lifetimeSeconds} 0 makes it permanent. */
    synchronized QrTicket create(String appId, String scene, boolean numeric, long lifetimeSeconds) {
        long now = clock.millis();
        byTicket.values().removeIf(t -> t.expiresAt() <= now);
        QrTicket issued;
        do {
            String url = URL_PREFIX + Identifiers.random(20, ALNUM);
            long expiresAt = lifetimeSeconds == 0 ? Long.MAX_VALUE : now + lifetimeSeconds * 1000;
            issued = new QrTicket(ticketFor(url), appId, scene, numeric, expiresAt, url);
        } while (byTicket.containsKey(issued.ticket()));
        byTicket.put(issued.ticket(), issued);
        return issued;
    }

    /** The code if it exists and has not expired, else null. */
    synchronized QrTicket live(String ticket) {
        QrTicket found = ticket == null ? null : byTicket.get(ticket);
        return found != null && clock.millis() < found.expiresAt() ? found : null;
    }

    synchronized void clear() {
        byTicket.clear();
    }

    /**
     * A ticket shaped like WeChat's: standard Base64 of some binary bytes around the code's URL, so it often has
     * {@code =} at the end and {@code +} or {@code /} inside: what a client must URL-encode.
     */
    private static String ticketFor(String url) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] head = new byte[6];
        // 7 to 9 trailing bytes: the Base64 then ends in "", "==" or "=", as tickets of different lengths do.
        byte[] tail = new byte[7 + RANDOM.nextInt(3)];
        RANDOM.nextBytes(head);
        RANDOM.nextBytes(tail);
        bytes.write(0x81);
        bytes.writeBytes(head);
        bytes.writeBytes(url.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(tail);
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}

package io.github.keycloakwechat.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A person scanning an Official Account's parametric QR code with WeChat (§7.3): someone new follows the account
 * and the message server gets {@code subscribe}, a follower gets {@code SCAN}; the push is signed (and encrypted)
 * per the account's mode and delivered with WeChat's retries while the caller waits.
 */
final class TicketScans implements AutoCloseable {

    private final SimContext ctx;
    private final PushSender sender = new PushSender();
    private final List<PushDelivery> deliveries = new CopyOnWriteArrayList<>();

    TicketScans(SimContext ctx) {
        this.ctx = ctx;
    }

    /** @throws IllegalStateException for a ticket that is unknown or expired: WeChat then pushes nothing */
    PushDelivery scan(String ticket, String personId) {
        QrTickets.QrTicket qr = ctx.qrTickets.live(ticket);
        if (qr == null) {
            throw new IllegalStateException("no live QR ticket " + ticket + ": unknown or expired, nothing is pushed");
        }
        ctx.people.require(personId);
        long now = ctx.clock.millis() / 1000;
        boolean newFollower = ctx.followers.follow(qr.appId(), personId,
                new Followers.Follow(now, Followers.QR_SCENE, qr.scene(), qr.numeric()));
        String openid = ctx.ids.openid(qr.appId(), personId);
        ScanEvent event = new ScanEvent(ctx.ids.originalId(qr.appId()), openid, now, newFollower, qr.scene(), qr.ticket());
        MessageServers.MessageServer server = ctx.messageServers.get(qr.appId());
        PushDelivery delivery;
        if (server == null) {
            delivery = new PushDelivery(qr.appId(), openid, event.event(), qr.ticket(), PushDelivery.Status.NOT_CONFIGURED, List.of());
        } else {
            PushEnvelope envelope = PushEnvelope.of(server, qr.appId(), event, Identifiers.random(9, "0123456789"));
            List<PushDelivery.Attempt> attempts = sender.deliver(envelope, ctx.settings.pushTimeout);
            delivery = new PushDelivery(qr.appId(), openid, event.event(), qr.ticket(), PushSender.status(attempts), attempts);
        }
        deliveries.add(delivery);
        return delivery;
    }

    List<PushDelivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    void clear() {
        deliveries.clear();
    }

    @Override
    public void close() {
        sender.close();
    }
}

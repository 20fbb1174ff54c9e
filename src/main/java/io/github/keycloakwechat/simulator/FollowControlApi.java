package io.github.keycloakwechat.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The control API of an Official Account's scan-to-follow sign-in (§7.2–§7.4): its message server, its followers,
 * a person scanning a QR code, and the pushes that followed. Part of {@link ControlApi}'s {@code /sim}.
 */
final class FollowControlApi {

    private final WeChatSimulator sim;

    FollowControlApi(WeChatSimulator sim) {
        this.sim = sim;
    }

    void register(Router router) {
        router.add("/sim/message-server", null, ControlApi.guarded(this::messageServer), "POST");
        router.add("/sim/followers", null, ControlApi.guarded(this::followers), "POST");
        router.add("/sim/scan-ticket", null, ControlApi.guarded(r -> Reply.controlJson(
                deliveryJson(sim.scanQrTicket(ControlApi.required(r, "ticket"), ControlApi.required(r, "person"))))), "POST");
        router.add("/sim/pushes", null, r -> {
            List<Object> list = new ArrayList<>();
            sim.pushes().forEach(d -> list.add(deliveryJson(d)));
            return Reply.controlJson(list);
        }, "GET");
    }

    private Reply messageServer(Request r) {
        String appId = ControlApi.required(r, "appid");
        PushMode mode = PushMode.fromLabel(ControlApi.required(r, "mode"));
        String key = ControlApi.emptyToNull(r.param("aesKey"));
        if (key == null && mode.encrypted()) {
            key = PushCrypt.newKey();
        }
        sim.configureMessageServer(appId, ControlApi.required(r, "url"), ControlApi.required(r, "token"), key, mode);
        return Reply.controlJson(new JsonObject().put("appid", appId).put("originalId", sim.originalId(appId))
                .put("mode", mode.name().toLowerCase(java.util.Locale.ROOT)).put("aesKey", key));
    }

    private Reply followers(Request r) {
        String appId = ControlApi.required(r, "appid");
        String person = ControlApi.required(r, "person");
        if (ControlApi.bool(r, "following", true)) {
            sim.follow(appId, person);
        } else {
            sim.unfollow(appId, person);
        }
        return Reply.controlJson(new JsonObject().put("appid", appId).put("person", person)
                .put("following", sim.follows(appId, person)));
    }

    static JsonObject deliveryJson(PushDelivery delivery) {
        List<Object> attempts = new ArrayList<>();
        for (PushDelivery.Attempt a : delivery.attempts()) {
            attempts.add(new JsonObject().put("url", a.url()).put("body", a.bodyText()).put("status", a.httpStatus())
                    .put("reply", a.reply()).put("millis", a.millis()).put("error", a.error()));
        }
        return new JsonObject().put("appid", delivery.appId()).put("openid", delivery.openid())
                .put("event", delivery.event()).put("ticket", delivery.ticket())
                .put("status", delivery.status().name()).put("attempts", attempts);
    }
}

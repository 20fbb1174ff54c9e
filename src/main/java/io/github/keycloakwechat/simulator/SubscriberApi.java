package io.github.keycloakwechat.simulator;

import java.util.List;

/**
 * {@code GET /cgi-bin/user/info?access_token=&openid=&lang=} (§7.4): what an Official Account may know of a person.
 * A follower gets the full shape with nickname and avatar blank (since 2021-12-27) and the QR scene they came by;
 * someone who does not follow gets {@code subscribe} 0, the openid and an empty tag list, nothing more.
 */
final class SubscriberApi {

    private final SimContext ctx;

    SubscriberApi(SimContext ctx) {
        this.ctx = ctx;
    }

    /** For {@code app}, the Official Account whose app access token came with the call. */
    Reply userInfo(Request r, SimApp app) {
        String openid = r.query("openid");
        if (ApiChecks.blank(openid)) {
            return ApiChecks.error(41009);
        }
        SimPerson person = ctx.personByOpenid(app.appId(), openid);
        if (person == null) {
            return ApiChecks.error(40003);
        }
        Followers.Follow follow = ctx.followers.get(app.appId(), person.id());
        if (follow == null) {
            return Reply.api(new JsonObject().put("subscribe", 0).put("openid", openid).put("tagid_list", List.of()));
        }
        JsonObject body = new JsonObject()
                .put("subscribe", 1)
                .put("openid", openid)
                .put("nickname", "")
                .put("sex", 0)
                .put("language", "zh_CN")
                .put("city", "")
                .put("province", "")
                .put("country", "")
                .put("headimgurl", "")
                .put("subscribe_time", follow.subscribeTime());
        String unionid = ctx.unionid(app, person.id());
        if (unionid != null) {
            body.put("unionid", unionid);
        }
        boolean byQr = follow.qrScene() != null;
        return Reply.api(body
                .put("remark", "")
                .put("groupid", 0)
                .put("tagid_list", List.of())
                .put("subscribe_scene", follow.subscribeScene())
                .put("qr_scene", byQr && follow.numeric() ? Long.parseLong(follow.qrScene()) : 0)
                .put("qr_scene_str", byQr && !follow.numeric() ? follow.qrScene() : ""));
    }
}

package io.github.keycloakwechat.simulator;

import java.util.HashMap;
import java.util.Map;

/** Who follows which Official Account, since when and how (what {@code /cgi-bin/user/info} reports, §7.4). */
final class Followers {

    /** What WeChat's page lists as the way in when it was not a QR code of ours. [UNCONFIRMED] value */
    static final String OTHER_SCENE = "ADD_SCENE_OTHERS";
    static final String QR_SCENE = "ADD_SCENE_QR_CODE";

    /**
     * One follow. {@code qrScene} is the scene of the QR code it came through (null otherwise), {@code numeric}
     * whether that was a {@code scene_id}.
     */
    record Follow(long subscribeTime, String subscribeScene, String qrScene, boolean numeric) {
    }

    private record Key(String appId, String personId) {
    }

    private final Map<Key, Follow> follows = new HashMap<>();

    synchronized Follow get(String appId, String personId) {
        return follows.get(new Key(appId, personId));
    }

    /** Adds the follow unless the person follows already; true when they did not. */
    synchronized boolean follow(String appId, String personId, Follow follow) {
        return follows.putIfAbsent(new Key(appId, personId), follow) == null;
    }

    synchronized void unfollow(String appId, String personId) {
        follows.remove(new Key(appId, personId));
    }

    synchronized void clear() {
        follows.clear();
    }
}

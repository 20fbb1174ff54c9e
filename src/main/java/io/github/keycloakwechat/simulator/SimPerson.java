package io.github.keycloakwechat.simulator;

import java.util.Objects;

/** A simulated WeChat user. Immutable; openids and unionids are derived, not stored. */
public final class SimPerson {
    private final String id;
    private final String nickname;
    private final String avatarUrl;

    SimPerson(String id, String nickname, String avatarUrl) {
        this.id = Objects.requireNonNull(id, "id");
        this.nickname = Objects.requireNonNull(nickname, "nickname");
        this.avatarUrl = Objects.requireNonNull(avatarUrl, "avatarUrl");
    }

    /** The simulator's stable id for this person (never sent by WeChat; openids are derived from it). */
    public String id() {
        return id;
    }

    public String nickname() {
        return nickname;
    }

    /** The {@code headimgurl} returned by {@code /sns/userinfo}; empty when the person has no avatar. */
    public String avatarUrl() {
        return avatarUrl;
    }

    @Override
    public String toString() {
        return "SimPerson[" + id + ", " + nickname + "]";
    }
}

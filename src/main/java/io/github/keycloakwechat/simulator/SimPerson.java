package io.github.keycloakwechat.simulator;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A simulated WeChat user. openids and unionids are derived, not stored. The phone number bound to the WeChat
 * account (what a mini program's {@code getPhoneNumber} button reveals, §6.1) can be set after registration.
 */
public final class SimPerson {

    /** A bound phone number; the two parts travel together, so one volatile reference holds both. */
    record Phone(String countryCode, String purePhoneNumber) {

        private static final Pattern DIGITS = Pattern.compile("[0-9]+");

        Phone {
            if (purePhoneNumber == null || !DIGITS.matcher(purePhoneNumber).matches() || purePhoneNumber.length() > 15) {
                throw new IllegalArgumentException("a phone number is 1 to 15 digits without country code, got " + purePhoneNumber);
            }
            if (countryCode == null || !DIGITS.matcher(countryCode).matches() || countryCode.length() > 4) {
                throw new IllegalArgumentException("a country code is 1 to 4 digits without +, got " + countryCode);
            }
        }
    }

    private final String id;
    private final String nickname;
    private final String avatarUrl;
    private volatile Phone phone;

    SimPerson(String id, String nickname, String avatarUrl) {
        this.id = Objects.requireNonNull(id, "id");
        this.nickname = Objects.requireNonNull(nickname, "nickname");
        this.avatarUrl = Objects.requireNonNull(avatarUrl, "avatarUrl");
    }

    /**
     * Binds a phone number to this person's WeChat account: the national number without country code (digits,
     * e.g. {@code "13800000000"}) and the country code without {@code +} (e.g. {@code "86"}).
     */
    public SimPerson phone(String purePhoneNumber, String countryCode) {
        this.phone = new Phone(countryCode, purePhoneNumber);
        return this;
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

    /** Whether a phone number is bound, so that a mini program can ask for it. */
    public boolean hasPhone() {
        return phone != null;
    }

    /** Both parts of the bound phone number at once (they may be replaced concurrently), or null. */
    Phone boundPhone() {
        return phone;
    }

    /** The national number ({@code purePhoneNumber} in WeChat's answer), or null. */
    public String purePhoneNumber() {
        Phone p = phone;
        return p == null ? null : p.purePhoneNumber();
    }

    /** The country code without {@code +} ({@code countryCode} in WeChat's answer), or null. */
    public String phoneCountryCode() {
        Phone p = phone;
        return p == null ? null : p.countryCode();
    }

    @Override
    public String toString() {
        return "SimPerson[" + id + ", " + nickname + "]";
    }
}

package io.github.keycloakwechat.broker;

import java.security.SecureRandom;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Keeps Keycloak's broker {@code state} on the server and gives WeChat a short handle instead.
 *
 * <p>WeChat accepts at most 128 letters and digits as {@code state}; Keycloak's is longer and contains
 * {@code .}, {@code -} and {@code _}. The handle lives in Keycloak's single-use object store (Infinispan),
 * so any cluster node can look it up until the login times out. Only one callback per handle may
 * exchange a WeChat code ({@link #claim}); a repeated callback still finds the state, so Keycloak can
 * answer it as the repeat of a finished login instead of as an error.
 */
public class WeChatStateStore {

    /** 32 letters and digits: about 190 bits, far more than guessable. */
    static final int HANDLE_LENGTH = 32;
    /** How long a used handle is still recognised, for WeChat's duplicate callbacks. */
    static final long USED_HANDLE_SECONDS = 120;
    /**
     * How long a first sign-in holds off a second one of the same person (time to fill in the profile), unless
     * the realm's login timeout is shorter: after it, the first browser cannot finish anyway.
     */
    static final long FIRST_LOGIN_SECONDS = 120;
    /** The shortest lifetime of anything stored here, whatever the realm's login timeout. */
    static final long MIN_LIFESPAN_SECONDS = 60;
    private static final String FIRST_LOGIN_PREFIX = "wechat-first-login.";
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_PREFIX = "wechat-state.";
    private static final String CLAIM_SUFFIX = ".claimed";
    private static final String FAILED_SUFFIX = ".failed";
    private static final String HOLDER_SUFFIX = ".holder";
    private static final String NOTE_STATE = "state";
    private static final String NOTE_ALIAS = "alias";
    private static final String NOTE_CHANNEL = "channel";
    private static final String NOTE_BROWSER = "browser";

    /**
     * What a handle stands for: Keycloak's broker state, the WeChat app the person was sent to, and whether the
     * attempt made with it already failed.
     */
    public record Issued(String brokerState, WeChatChannel channel, boolean failed) {
    }

    private final KeycloakSession session;

    public WeChatStateStore(KeycloakSession session) {
        this.session = session;
    }

    /** Stores the broker state and returns the handle to send to WeChat. */
    public String issue(RealmModel realm, String providerAlias, String brokerState, WeChatChannel channel) {
        String handle = newHandle();
        // Lives as long as a login may take in this realm, then Infinispan drops it.
        long lifespan = loginLifespan(realm);
        singleUse().put(key(realm, handle), lifespan,
                Map.of(NOTE_STATE, brokerState, NOTE_ALIAS, providerAlias, NOTE_CHANNEL, channel.name()));
        return handle;
    }

    /**
     * What a handle stands for, or {@code null} when it is malformed, unknown, expired, or belongs to
     * another provider.
     */
    public Issued find(RealmModel realm, String providerAlias, String handle) {
        if (!isHandle(handle)) {
            return null;
        }
        Map<String, String> notes = singleUse().get(key(realm, handle));
        if (notes == null || !providerAlias.equals(notes.get(NOTE_ALIAS))) {
            return null;
        }
        return new Issued(notes.get(NOTE_STATE), WeChatChannel.valueOf(notes.get(NOTE_CHANNEL)),
                singleUse().contains(key(realm, handle) + FAILED_SUFFIX));
    }

    /**
     * Claims the handle for the one callback that may exchange the WeChat code: {@code true} for the
     * first caller on any node, {@code false} for every later one. The handle is then kept only briefly.
     */
    public boolean claim(RealmModel realm, String handle) {
        String key = key(realm, handle);
        if (!singleUse().putIfAbsent(key + CLAIM_SUFFIX, USED_HANDLE_SECONDS)) {
            return false;
        }
        Map<String, String> notes = singleUse().remove(key);
        if (notes != null) {
            singleUse().put(key, USED_HANDLE_SECONDS, notes);
        }
        return true;
    }

    /**
     * Records that the attempt made with a claimed handle ended without a sign-in (WeChat refused, the person
     * declined…), so that a repeat of its callback (the error page reloaded) is refused as a used link.
     */
    public void markFailed(RealmModel realm, String handle) {
        // A key of its own: claim() has already written the handle's entry in this session's transaction, and
        // Keycloak refuses a second change of one key there ("Can't add session: task in progress").
        singleUse().put(key(realm, handle) + FAILED_SUFFIX, USED_HANDLE_SECONDS, Map.of());
    }

    /**
     * Marks the start of a person's first sign-in (their account does not exist yet) from one browser:
     * {@code true} for the first browser on any node, and again for that same browser (a person who starts
     * over); {@code false} for another browser while the first is at it. Two browsers finishing Keycloak's
     * first-login flow at once would otherwise meet "account already exists".
     */
    public boolean startFirstLogin(RealmModel realm, String providerAlias, String brokeredId, String browserSessionId) {
        String key = FIRST_LOGIN_PREFIX + realm.getId() + "." + providerAlias + "." + brokeredId;
        long holdOff = Math.min(FIRST_LOGIN_SECONDS, loginLifespan(realm));
        if (singleUse().putIfAbsent(key, holdOff)) {
            // The browser goes in an entry of its own: replace() would drop the lifespan (Infinispan then keeps
            // the marker for ever, and the person could never sign up from another browser).
            singleUse().put(key + HOLDER_SUFFIX, holdOff, Map.of(NOTE_BROWSER, browserSessionId));
            return true;
        }
        Map<String, String> holder = singleUse().get(key + HOLDER_SUFFIX);
        return holder != null && browserSessionId.equals(holder.get(NOTE_BROWSER));
    }

    /** As long as a login may take in this realm (its login timeout), and at least a minute. */
    public static long loginLifespan(RealmModel realm) {
        return Math.max(MIN_LIFESPAN_SECONDS, realm.getAccessCodeLifespanLogin());
    }

    private SingleUseObjectProvider singleUse() {
        return session.singleUseObjects();
    }

    private static String key(RealmModel realm, String handle) {
        return KEY_PREFIX + realm.getId() + "." + handle;
    }

    /**
     * A new random handle: {@value #HANDLE_LENGTH} letters and digits, what WeChat accepts as a {@code state} and as a
     * QR code's {@code scene_str}, and unguessable.
     */
    public static String newHandle() {
        char[] chars = new char[HANDLE_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /** Whether the value has the form {@link #newHandle()} gives, before anything is looked up with it. */
    public static boolean isHandle(String value) {
        return value != null && value.length() == HANDLE_LENGTH && isAlphanumeric(value);
    }

    private static boolean isAlphanumeric(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}

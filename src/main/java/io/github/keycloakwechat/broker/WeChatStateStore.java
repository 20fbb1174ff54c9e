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
 * {@code .}, {@code -} and {@code _}. The handle is stored in Keycloak's single-use object store
 * (Infinispan), so any cluster node can redeem it, exactly once, until the login times out.
 */
public class WeChatStateStore {

    /** 32 letters and digits: about 190 bits, far more than guessable. */
    static final int HANDLE_LENGTH = 32;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_PREFIX = "wechat-state.";
    private static final String NOTE_STATE = "state";
    private static final String NOTE_ALIAS = "alias";

    private final KeycloakSession session;

    public WeChatStateStore(KeycloakSession session) {
        this.session = session;
    }

    /** Stores the broker state and returns the handle to send to WeChat. */
    public String issue(RealmModel realm, String providerAlias, String brokerState) {
        String handle = newHandle();
        // Lives as long as a login may take in this realm, then Infinispan drops it.
        long lifespan = Math.max(60, realm.getAccessCodeLifespanLogin());
        singleUse().put(key(realm, handle), lifespan, Map.of(NOTE_STATE, brokerState, NOTE_ALIAS, providerAlias));
        return handle;
    }

    /**
     * Returns the broker state behind a handle and forgets it, or {@code null} when the handle is
     * malformed, unknown, expired, already used, or belongs to another provider.
     */
    public String redeem(RealmModel realm, String providerAlias, String handle) {
        if (handle == null || handle.length() != HANDLE_LENGTH || !isAlphanumeric(handle)) {
            return null;
        }
        Map<String, String> notes = singleUse().remove(key(realm, handle));
        if (notes == null || !providerAlias.equals(notes.get(NOTE_ALIAS))) {
            return null;
        }
        return notes.get(NOTE_STATE);
    }

    private SingleUseObjectProvider singleUse() {
        return session.singleUseObjects();
    }

    private static String key(RealmModel realm, String handle) {
        return KEY_PREFIX + realm.getId() + "." + handle;
    }

    static String newHandle() {
        char[] chars = new char[HANDLE_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
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

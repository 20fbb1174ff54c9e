package io.github.keycloakwechat.follow;

import java.util.Map;

import io.github.keycloakwechat.broker.WeChatStateStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The scenes of "scan to follow and sign in" (protocol §7): each login page's temporary QR code carries a fresh
 * random scene, bound here to that page's sign-in (the realm, the provider and the state handle of its
 * authentication session); WeChat's verified push says who scanned it. Kept in Keycloak's single-use object store
 * (Infinispan), so the page may poll one node while the push lands on another.
 */
public final class FollowScenes {

    /** How long a push's delivery key is remembered: WeChat retries within seconds; pushes older than this are refused. */
    static final long DELIVERY_SECONDS = 600;
    private static final String PREFIX = "wechat-follow.";
    private static final String SCAN_SUFFIX = ".scan";
    private static final String CLAIM_SUFFIX = ".scan-claimed";
    private static final String NOTE_REALM = "realm";
    private static final String NOTE_ALIAS = "alias";
    private static final String NOTE_HANDLE = "handle";
    private static final String NOTE_OPENID = "openid";

    /** A login page's scene: whose sign-in a scan of its QR code continues. */
    public record Scene(String realmId, String alias, String handle) {
    }

    private final SingleUseObjectProvider store;

    public FollowScenes(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    /**
     * A new scene for the sign-in behind {@code handle}, as long as a login may take: random like a state handle
     * (32 letters and digits, within WeChat's 1–64 characters for {@code scene_str}).
     */
    public String open(RealmModel realm, String alias, String handle) {
        String scene = WeChatStateStore.newHandle();
        store.put(PREFIX + scene, WeChatStateStore.loginLifespan(realm),
                Map.of(NOTE_REALM, realm.getId(), NOTE_ALIAS, alias, NOTE_HANDLE, handle));
        return scene;
    }

    /** The scene's sign-in, or null when it is unknown or expired. */
    public Scene find(String scene) {
        if (!WeChatStateStore.isHandle(scene)) {
            return null;
        }
        Map<String, String> notes = store.get(PREFIX + scene);
        return notes == null ? null : new Scene(notes.get(NOTE_REALM), notes.get(NOTE_ALIAS), notes.get(NOTE_HANDLE));
    }

    /**
     * Records that {@code openid} scanned the scene's QR code: only the first scan of a live scene of this realm and
     * provider counts. Returns whether this one did.
     */
    public boolean recordScan(RealmModel realm, String alias, String scene, String openid) {
        long lifespanSeconds = WeChatStateStore.loginLifespan(realm);
        Scene found = find(scene);
        if (found == null || !found.realmId().equals(realm.getId()) || !found.alias().equals(alias)) {
            return false;
        }
        // The claim decides between simultaneous scans on any node; the scan itself is written after it.
        if (!store.putIfAbsent(PREFIX + scene + CLAIM_SUFFIX, lifespanSeconds)) {
            return false;
        }
        store.put(PREFIX + scene + SCAN_SUFFIX, lifespanSeconds, Map.of(NOTE_OPENID, openid));
        return true;
    }

    /** The openid that scanned the scene's QR code, or null while nobody has. */
    public String scannedBy(String scene) {
        if (!WeChatStateStore.isHandle(scene)) {
            return null;
        }
        Map<String, String> notes = store.get(PREFIX + scene + SCAN_SUFFIX);
        return notes == null ? null : notes.get(NOTE_OPENID);
    }

    /**
     * Whether this is the first time the push {@code key} (a delivery key, or a signature's timestamp and nonce)
     * reaches this provider: WeChat's retries and any replay find it taken.
     */
    public boolean firstDelivery(RealmModel realm, String alias, String key) {
        return store.putIfAbsent(PREFIX + "delivery." + realm.getId() + "." + alias + "." + key, DELIVERY_SECONDS);
    }
}

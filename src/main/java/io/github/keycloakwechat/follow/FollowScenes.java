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
    private static final String PAGE_PREFIX = PREFIX + "page.";
    private static final String NOTE_SCENE = "scene";
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
        long lifespan = WeChatStateStore.loginLifespan(realm);
        store.put(PREFIX + scene, lifespan, Map.of(NOTE_REALM, realm.getId(), NOTE_ALIAS, alias, NOTE_HANDLE, handle));
        // The page knows its handle, never the scene (only WeChat and this store do).
        store.put(PAGE_PREFIX + realm.getId() + "." + handle, lifespan, Map.of(NOTE_SCENE, scene));
        return scene;
    }

    /** The scene opened for the sign-in behind {@code handle}, or null when there is none (any more). */
    public String sceneOf(RealmModel realm, String handle) {
        if (!WeChatStateStore.isHandle(handle)) {
            return null;
        }
        Map<String, String> notes = store.get(PAGE_PREFIX + realm.getId() + "." + handle);
        return notes == null ? null : notes.get(NOTE_SCENE);
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
    private String scannedBy(String scene) {
        if (!WeChatStateStore.isHandle(scene)) {
            return null;
        }
        Map<String, String> notes = store.get(PREFIX + scene + SCAN_SUFFIX);
        return notes == null ? null : notes.get(NOTE_OPENID);
    }

    /** Who scanned the QR code of the sign-in behind {@code handle}, or null while nobody has. */
    public String scannedBy(RealmModel realm, String handle) {
        String scene = sceneOf(realm, handle);
        return scene == null ? null : scannedBy(scene);
    }

    /**
     * What the follow QR page of the sign-in behind {@code handle} shows: {@code scanned} once WeChat pushed a scan
     * of its code, {@code waiting} before, {@code expired} when the sign-in or its scene is gone (or never was).
     */
    public String status(RealmModel realm, String alias, String handle, WeChatStateStore states) {
        WeChatStateStore.Issued issued = states.find(realm, alias, handle);
        String scene = issued == null || issued.failed() ? null : sceneOf(realm, handle);
        if (scene == null) {
            return "expired";
        }
        return scannedBy(scene) == null ? "waiting" : "scanned";
    }

    /**
     * Whether this is the first time the push {@code key} (a delivery key, or a signature's timestamp and nonce)
     * reaches this provider: WeChat's retries and any replay find it taken.
     */
    public boolean firstDelivery(RealmModel realm, String alias, String key) {
        return store.putIfAbsent(PREFIX + "delivery." + realm.getId() + "." + alias + "." + key, DELIVERY_SECONDS);
    }
}

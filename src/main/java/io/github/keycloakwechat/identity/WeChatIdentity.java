package io.github.keycloakwechat.identity;

import java.util.Locale;
import java.util.Map;

import io.github.keycloakwechat.api.WeChatAccessToken;
import io.github.keycloakwechat.api.WeChatUserInfo;
import org.keycloak.broker.provider.BrokeredIdentityContext;

/**
 * Who a WeChat sign-in says the person is, taken only from WeChat's server-to-server answers.
 *
 * <p>The brokered id is the {@code unionid} when WeChat sends one (the same for one person across
 * every app bound to the same Open Platform account), else the {@code openid} (per app), byte for byte.
 *
 * @param nickname {@code null} when the profile was not fetched
 * @param avatarUrl {@code null} when there is none, or it is not an https URL
 */
public record WeChatIdentity(String appId, String openid, String unionid, String nickname, String avatarUrl) {

    static final String USERNAME_PREFIX = "wechat_";
    /** Keycloak's default user profile limits first names to 255 characters. */
    static final int MAX_NICKNAME_LENGTH = 255;
    static final int MAX_AVATAR_URL_LENGTH = 2048;

    private static final String DATA_APPID = "wechat.appid";
    private static final String DATA_OPENID = "wechat.openid";
    private static final String DATA_UNIONID = "wechat.unionid";
    private static final String DATA_NICKNAME = "wechat.nickname";
    private static final String DATA_AVATAR = "wechat.avatar";

    /** Combines the token response with the profile, when there is one; WeChat's unionid may be in either. */
    public static WeChatIdentity of(String appId, WeChatAccessToken token, WeChatUserInfo profile) {
        return of(appId, token.openid(), token.unionid(), profile);
    }

    /** The same from the ids WeChat sent in any answer (a mini program's sign-in has no token and no profile). */
    public static WeChatIdentity of(String appId, String openid, String unionidOrNull, WeChatUserInfo profile) {
        String unionid = blankToNull(unionidOrNull);
        if (unionid == null && profile != null) {
            unionid = blankToNull(profile.unionid());
        }
        return new WeChatIdentity(appId, openid, unionid,
                profile == null ? null : cleanNickname(profile.nickname()),
                profile == null ? null : httpsUrlOrNull(profile.headimgurl()));
    }

    /** The same identity without the unionid, for providers that must not correlate WeChat apps. */
    public WeChatIdentity withoutUnionid() {
        return new WeChatIdentity(appId, openid, null, nickname, avatarUrl);
    }

    /** The same identity with a unionid learned from an earlier sign-in of this (AppID, openid). */
    public WeChatIdentity withUnionid(String knownUnionid) {
        return new WeChatIdentity(appId, openid, knownUnionid, nickname, avatarUrl);
    }

    public String brokeredId() {
        return unionid != null ? unionid : openid;
    }

    /**
     * The id a link may still carry from a sign-in when only the openid was known: Keycloak moves such a
     * link to the unionid instead of creating a second user.
     */
    public String legacyId() {
        return unionid != null ? openid : null;
    }

    /**
     * The person's name at WeChat as Keycloak records it (events) and, before usernames had a template, every WeChat
     * user's username: unique and stable, never the nickname, which is neither. Lower-cased as Keycloak stores it.
     */
    public String username() {
        return USERNAME_PREFIX + brokeredId().toLowerCase(Locale.ROOT);
    }

    /** Whether the profile (nickname, avatar) was fetched from WeChat for this sign-in. */
    public boolean hasProfile() {
        return nickname != null;
    }

    /** The openid qualified by the app it belongs to: openids are only unique within one AppID. */
    public String appOpenid() {
        return appId + ":" + openid;
    }

    /**
     * Puts this identity into Keycloak's brokered context, which survives the first-login flow as strings.
     * The legacy id is passed only when a link by it exists: with a legacy id and no link at all, Keycloak
     * would link a new account (account-console linking) by the legacy openid instead of the unionid.
     * A new person's username and first name are {@link WeChatPeople#describe}'s.
     */
    void writeTo(BrokeredIdentityContext context, boolean linkedByLegacyId) {
        context.setId(brokeredId());
        context.setLegacyId(linkedByLegacyId ? legacyId() : null);
        // What Keycloak logs as the person's name at WeChat (event detail identity_provider_identity).
        context.setUsername(username());
        Map<String, Object> data = context.getContextData();
        data.put(DATA_APPID, appId);
        data.put(DATA_OPENID, openid);
        putIfPresent(data, DATA_UNIONID, unionid);
        putIfPresent(data, DATA_NICKNAME, nickname);
        putIfPresent(data, DATA_AVATAR, avatarUrl);
    }

    /** Reads back what {@link #writeTo} stored, or {@code null} when the context is not from WeChat. */
    public static WeChatIdentity readFrom(BrokeredIdentityContext context) {
        Map<String, Object> data = context.getContextData();
        Object appId = data.get(DATA_APPID);
        Object openid = data.get(DATA_OPENID);
        if (appId == null || openid == null) {
            return null;
        }
        return new WeChatIdentity(appId.toString(), openid.toString(), string(data.get(DATA_UNIONID)),
                string(data.get(DATA_NICKNAME)), string(data.get(DATA_AVATAR)));
    }

    /**
     * Drops control characters and directional overrides, and caps the length without splitting a surrogate
     * pair (emoji).
     */
    static String cleanNickname(String nickname) {
        if (nickname == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(nickname.length(), MAX_NICKNAME_LENGTH));
        int i = 0;
        while (i < nickname.length()) {
            int cp = nickname.codePointAt(i);
            int width = Character.charCount(cp);
            if (out.length() + width > MAX_NICKNAME_LENGTH) {
                break;
            }
            if (!Character.isISOControl(cp) && !isDirectionalOverride(cp)) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out.toString().strip();
    }

    /**
     * Explicit embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). One left open in a nickname
     * reverses or disguises whatever is shown after it (in a list of users, an e-mail); right-to-left text needs
     * none of them, and joiners used by emoji are not among them.
     */
    static boolean isDirectionalOverride(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
    }

    /** Only https avatars are kept: javascript:, data: and plain http URLs never become a picture. */
    static String httpsUrlOrNull(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.strip();
        if (trimmed.length() > MAX_AVATAR_URL_LENGTH || !trimmed.regionMatches(true, 0, "https://", 0, 8)
                || trimmed.length() == 8 || trimmed.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>')) {
            return null;
        }
        return trimmed;
    }

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

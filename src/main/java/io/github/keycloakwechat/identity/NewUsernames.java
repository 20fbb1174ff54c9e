package io.github.keycloakwechat.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The username a new WeChat person gets, from the provider's template. It is chosen once, when the person signs up
 * (Keycloak never renames a user on later sign-ins), and never collides: {@code ${id}}, which every template must hold,
 * is the start of a hash of the person's WeChat id, lengthened until no user of the realm has the name.
 *
 * <ul>
 *   <li>{@code ${id}}: 8 hexadecimal characters derived from the unionid (or openid), e.g. {@code 3f9a2c01}.</li>
 *   <li>{@code ${nickname}}: the WeChat nickname, cut to {@value #MAX_NICKNAME_CHARACTERS} characters and cleaned to
 *       what the realm's username validation accepts (Keycloak's default accepts Latin letters, digits and
 *       {@code . _ - @}, not Chinese); when nothing usable remains, the default template is used.</li>
 * </ul>
 */
public final class NewUsernames {

    public static final String DEFAULT_TEMPLATE = "wechat_${id}";
    private static final String ID = "${id}";
    private static final String NICKNAME = "${nickname}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final int SHORT_ID = 8;
    private static final int MAX_NICKNAME_CHARACTERS = 20;
    static final int MAX_TEMPLATE_LENGTH = 64;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ProfileValues values;

    NewUsernames(KeycloakSession session, RealmModel realm, ProfileValues values) {
        this.session = session;
        this.realm = realm;
        this.values = values;
    }

    /** Refuses a template that could make two people's usernames collide or that names an unknown placeholder. */
    public static void check(String key, String template) {
        if (template.length() > MAX_TEMPLATE_LENGTH || template.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(key + " must be at most " + MAX_TEMPLATE_LENGTH
                    + " characters without spaces");
        }
        if (!template.contains(ID)) {
            throw new IllegalArgumentException(key + " must contain ${id}, which keeps every username unique");
        }
        Matcher placeholders = PLACEHOLDER.matcher(template);
        while (placeholders.find()) {
            if (!ID.equals(placeholders.group()) && !NICKNAME.equals(placeholders.group())) {
                throw new IllegalArgumentException(key + " may use ${id} and ${nickname} only, not "
                        + placeholders.group());
            }
        }
    }

    /** The username for a person who has no Keycloak user yet. */
    String choose(WeChatIdentity identity, String template) {
        String hash = sha256Hex(identity.brokeredId());
        String nickname = template.contains(NICKNAME) ? nicknamePart(identity.nickname()) : "";
        String effective = template.contains(NICKNAME) && nickname.isEmpty() ? DEFAULT_TEMPLATE : template;
        for (int length = SHORT_ID; length <= hash.length(); length += 4) {
            String candidate = render(effective, nickname, hash.substring(0, length));
            if (!DEFAULT_TEMPLATE.equals(effective) && !values.accepts(UserModel.USERNAME, candidate)) {
                // The admin's literal text, or the nickname's, is refused as a whole: the default shape always passes
                // Keycloak's default validation.
                effective = DEFAULT_TEMPLATE;
                candidate = render(effective, "", hash.substring(0, length));
            }
            if (session.users().getUserByUsername(realm, candidate) == null) {
                return candidate;
            }
        }
        // 64 hexadecimal characters taken: only a user made on purpose can hold them. The id itself is unique.
        return identity.username();
    }

    private String nicknamePart(String nickname) {
        if (nickname == null) {
            return "";
        }
        int end = nickname.offsetByCodePoints(0, Math.min(MAX_NICKNAME_CHARACTERS, nickname.codePointCount(0,
                nickname.length())));
        // Only the characters are cleaned here: length and the other whole-value rules apply to the whole username.
        return values.withoutRefusedCharacters(UserModel.USERNAME, nickname.substring(0, end)).strip()
                .toLowerCase(Locale.ROOT);
    }

    private static String render(String template, String nickname, String id) {
        // Keycloak stores usernames lower-cased; the template's own text is lower-cased with them.
        return template.replace(NICKNAME, nickname).replace(ID, id).toLowerCase(Locale.ROOT);
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}

package io.github.keycloakwechat.benchmark.github;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codes and access tokens GitHub handed out. A code is redeemed once, by the app it was issued to; codes and
 * tokens do not expire (a benchmark redeems its codes at once and throws its tokens away). Thread-safe.
 */
final class GitHubGrants {

    /** What a code or token stands for: this user's consent to this app. */
    record Grant(String clientId, String login) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();

    String issueCode(Grant grant) {
        String code = random(15);
        codes.put(code, grant);
        return code;
    }

    /** The code's grant, now used up; null for an unknown or used code, or one of another app. */
    Grant redeem(String code, String clientId) {
        Grant grant = code == null ? null : codes.remove(code);
        return grant != null && grant.clientId().equals(clientId) ? grant : null;
    }

    String issueToken(Grant grant) {
        String token = "gho_" + random(27);
        tokens.put(token, grant);
        return token;
    }

    /** The token's grant, or null. */
    Grant byToken(String token) {
        return token == null ? null : tokens.get(token);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}

package io.github.keycloakwechat.broker;

import java.net.URI;
import java.time.Duration;

import io.github.keycloakwechat.identity.NewUsernames;
import io.github.keycloakwechat.identity.WeChatUserAttributes;
import io.github.keycloakwechat.secrets.StoredSecrets;
import org.keycloak.broker.oidc.OAuth2IdentityProviderConfig;
import org.keycloak.common.util.UriUtils;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * The WeChat provider's settings, read from the identity provider's config map. The key names are a
 * public contract: admins set them through the admin REST API and realm imports.
 *
 * <p>{@code clientId} is the website application's AppID and {@code clientSecret} its AppSecret
 * (a {@code ${vault.key}} reference works there).
 */
public class WeChatIdentityProviderConfig extends OAuth2IdentityProviderConfig {

    public static final String API_BASE_URL = "apiBaseUrl";
    public static final String OPEN_BASE_URL = "openBaseUrl";
    /** Where the browser loads an Official Account QR code's image ({@code /cgi-bin/showqrcode}, protocol §7.2). */
    public static final String MP_BASE_URL = "mpBaseUrl";
    public static final String TIMEOUT_MILLIS = "timeoutMillis";
    public static final String OFFICIAL_ACCOUNT_APP_ID = "officialAccountAppId";
    public static final String OFFICIAL_ACCOUNT_APP_SECRET = "officialAccountAppSecret";
    public static final String OFFICIAL_ACCOUNT_SCOPE = "officialAccountScope";
    /** The Token of the Official Account's server configuration, which signs WeChat's pushes (protocol §7.3). */
    public static final String OFFICIAL_ACCOUNT_TOKEN = "officialAccountToken";
    /** The EncodingAESKey of the server configuration (43 characters), for compatible and safe mode; empty: plain. */
    public static final String OFFICIAL_ACCOUNT_ENCODING_AES_KEY = "officialAccountEncodingAesKey";
    public static final String BROKERED_ID = "brokeredId";
    /**
     * The embedded QR switch. The {@code kcTheme-} prefix makes Keycloak hand the value to login templates
     * (as {@code themeConfig.embeddedQr}), which is where the "wechat" login theme reads it.
     */
    public static final String EMBEDDED_QR = "kcTheme-embeddedQr";
    /**
     * The follow-to-sign-in switch (关注公众号登录): the login page's WeChat panel shows the Official Account's
     * temporary QR code instead. Read by the "wechat" login theme as {@code themeConfig.followQr}.
     */
    public static final String FOLLOW_QR = "kcTheme-followQr";
    /**
     * Where WeChat's {@code wxLogin.js} was loaded from for the embedded QR code. No longer used: the QR
     * frame's URL is built on the server and no WeChat script runs on Keycloak's pages. Still accepted (and
     * checked as before) so that existing configurations and realm exports keep importing.
     */
    public static final String WX_LOGIN_SCRIPT_URL = "wxLoginScriptUrl";
    /** How new people's usernames are made: {@code ${id}} (required) and {@code ${nickname}}; see NewUsernames. */
    public static final String USERNAME_TEMPLATE = "usernameTemplate";

    /** The mini program whose {@code wx.login()} codes the token grant takes (see the grant package). */
    public static final String MINI_PROGRAM_APP_ID = "miniProgramAppId";
    public static final String MINI_PROGRAM_APP_SECRET = "miniProgramAppSecret";
    /** The native mobile app (Open Platform 移动应用) whose SDK codes the token grant takes. */
    public static final String MOBILE_APP_APP_ID = "mobileAppAppId";
    public static final String MOBILE_APP_APP_SECRET = "mobileAppAppSecret";
    /** The Keycloak client IDs allowed to use the WeChat code grant, comma-separated; none by default. */
    public static final String CODE_GRANT_CLIENTS = "codeGrantClients";
    /** What the code grant does for a person without a Keycloak user: {@code create} (default) or {@code reject}. */
    public static final String CODE_GRANT_NEW_USERS = "codeGrantNewUsers";
    public static final String NEW_USERS_CREATE = "create";
    public static final String NEW_USERS_REJECT = "reject";

    public static final String SCOPE_USERINFO = "snsapi_userinfo";
    public static final String SCOPE_BASE = "snsapi_base";
    /** {@link #BROKERED_ID}: the unionid when WeChat sends one (default), else the openid. */
    public static final String BROKERED_ID_UNIONID = "unionid";
    /** {@link #BROKERED_ID}: always the openid, so that no two WeChat apps' sign-ins are correlated. */
    public static final String BROKERED_ID_OPENID = "openid";

    public static final String DEFAULT_API_BASE_URL = "https://api.weixin.qq.com";
    public static final String DEFAULT_OPEN_BASE_URL = "https://open.weixin.qq.com";
    public static final String DEFAULT_MP_BASE_URL = "https://mp.weixin.qq.com";
    public static final int DEFAULT_TIMEOUT_MILLIS = 5000;
    static final int MIN_TIMEOUT_MILLIS = 100;
    static final int MAX_TIMEOUT_MILLIS = 60000;

    public WeChatIdentityProviderConfig() {
    }

    public WeChatIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    /** Where {@code /sns/*} lives (server to server). */
    public String getApiBaseUrl() {
        return valueOrDefault(API_BASE_URL, DEFAULT_API_BASE_URL);
    }

    /** Where the browser is sent to scan or authorize. */
    public String getOpenBaseUrl() {
        return valueOrDefault(OPEN_BASE_URL, DEFAULT_OPEN_BASE_URL);
    }

    /** The origin of {@link #getOpenBaseUrl()}: what a page embedding WeChat's QR iframe must allow as frame-src. */
    public String getOpenOrigin() {
        return origin(getOpenBaseUrl());
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** Where the browser loads an Official Account QR code's image (mp.weixin.qq.com). */
    public String getMpBaseUrl() {
        return valueOrDefault(MP_BASE_URL, DEFAULT_MP_BASE_URL);
    }

    /** The origin of {@link #getMpBaseUrl()}: what the follow QR page must allow as img-src. */
    public String getMpOrigin() {
        return origin(getMpBaseUrl());
    }

    /** Whether the login page shows the Official Account's QR code (follow to sign in). */
    public boolean isFollowQr() {
        return "true".equals(valueOrDefault(FOLLOW_QR, "false"));
    }

    /** The bound on each WeChat call (connect, wait for a connection, read). */
    public Duration getTimeout() {
        String value = getConfig().get(TIMEOUT_MILLIS);
        if (value == null || value.isBlank()) {
            return Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);
        }
        long millis = Long.parseLong(value.trim());
        return Duration.ofMillis(Math.max(MIN_TIMEOUT_MILLIS, Math.min(MAX_TIMEOUT_MILLIS, millis)));
    }

    /** The Official Account used inside the WeChat app, or {@code null} when none is configured. */
    public String getOfficialAccountAppId() {
        return valueOrDefault(OFFICIAL_ACCOUNT_APP_ID, null);
    }

    /**
     * The Official Account's AppSecret as configured: a {@code ${vault.…}} reference, the mask of a value kept in
     * {@link StoredSecrets} (or, saved before this was so, the value). The same for every secret setting.
     */
    public String getOfficialAccountAppSecret() {
        return getConfig().get(OFFICIAL_ACCOUNT_APP_SECRET);
    }

    /** The server configuration's Token as configured: a value or a {@code ${vault.…}} reference; null if none. */
    public String getOfficialAccountToken() {
        return valueOrDefault(OFFICIAL_ACCOUNT_TOKEN, null);
    }

    /** The server configuration's EncodingAESKey as configured (or a vault reference); null in plain mode. */
    public String getOfficialAccountEncodingAesKey() {
        return valueOrDefault(OFFICIAL_ACCOUNT_ENCODING_AES_KEY, null);
    }

    /**
     * Whether the provider has a website application of its own. A provider for "follow to sign in" alone needs none:
     * its Client ID is then the Official Account's AppID.
     */
    public boolean hasWebsiteApplication() {
        return getClientId() != null && !getClientId().trim().equals(getOfficialAccountAppId());
    }

    public boolean hasOfficialAccount() {
        return getOfficialAccountAppId() != null;
    }

    /** {@code snsapi_userinfo} (consent, with profile; default) or {@code snsapi_base} (silent, openid only). */
    public String getOfficialAccountScope() {
        return valueOrDefault(OFFICIAL_ACCOUNT_SCOPE, SCOPE_USERINFO);
    }

    /** The mini program's AppID, or {@code null} when none is configured. */
    public String getMiniProgramAppId() {
        return valueOrDefault(MINI_PROGRAM_APP_ID, null);
    }

    /** The mini program's AppSecret as configured: a value or a {@code ${vault.…}} reference. */
    public String getMiniProgramAppSecret() {
        return getConfig().get(MINI_PROGRAM_APP_SECRET);
    }

    /** The mobile app's AppID, or {@code null} when none is configured. */
    public String getMobileAppAppId() {
        return valueOrDefault(MOBILE_APP_APP_ID, null);
    }

    /** The mobile app's AppSecret as configured: a value or a {@code ${vault.…}} reference. */
    public String getMobileAppAppSecret() {
        return getConfig().get(MOBILE_APP_APP_SECRET);
    }

    /** The client IDs allowed to use the code grant: empty (nobody) unless the admin lists some. */
    public java.util.Set<String> getCodeGrantClients() {
        String value = valueOrDefault(CODE_GRANT_CLIENTS, "");
        java.util.Set<String> clients = new java.util.LinkedHashSet<>();
        for (String clientId : value.split(",")) {
            if (!clientId.isBlank()) {
                clients.add(clientId.strip());
            }
        }
        return clients;
    }

    /** Whether the code grant creates a user for a person it has never seen (else it refuses them). */
    public boolean isCodeGrantCreatingUsers() {
        return !NEW_USERS_REJECT.equals(valueOrDefault(CODE_GRANT_NEW_USERS, NEW_USERS_CREATE));
    }

    /** The template of new people's usernames, {@code wechat_${id}} unless the admin set one. */
    public String getUsernameTemplate() {
        return valueOrDefault(USERNAME_TEMPLATE, NewUsernames.DEFAULT_TEMPLATE);
    }

    /** Whether the brokered id may be the unionid (default) or must always be the openid. */
    public boolean isUnionidBrokeredId() {
        return !BROKERED_ID_OPENID.equals(valueOrDefault(BROKERED_ID, BROKERED_ID_UNIONID));
    }

    /** WeChat AppIDs: {@code wx} and 16 hexadecimal digits. */
    static final java.util.regex.Pattern APP_ID = java.util.regex.Pattern.compile("wx[0-9a-f]{16}");
    /** What {@link #isAppId} checks, for messages that name a field or parameter before it. */
    public static final String APP_ID_RULE = "must be a WeChat AppID: wx followed by 16 hexadecimal digits";

    /** Whether the value has the form of a WeChat AppID. */
    public static boolean isAppId(String value) {
        return value != null && APP_ID.matcher(value).matches();
    }

    @Override
    public void validate(RealmModel realm) {
        checkAppId("clientId", getClientId());
        // The inherited OAuth2 URLs are unused: WeChat's come from the two base URLs.
        checkBaseUrl(realm, API_BASE_URL, getApiBaseUrl());
        checkBaseUrl(realm, OPEN_BASE_URL, getOpenBaseUrl());
        checkBaseUrl(realm, MP_BASE_URL, getMpBaseUrl());
        String wxLoginScriptUrl = valueOrDefault(WX_LOGIN_SCRIPT_URL, null);
        if (wxLoginScriptUrl != null) {
            checkBaseUrl(realm, WX_LOGIN_SCRIPT_URL, wxLoginScriptUrl);
        }
        checkOneOf(EMBEDDED_QR, valueOrDefault(EMBEDDED_QR, "false"), "true", "false");
        checkOneOf(OFFICIAL_ACCOUNT_SCOPE, getOfficialAccountScope(), SCOPE_USERINFO, SCOPE_BASE);
        checkOneOf(BROKERED_ID, valueOrDefault(BROKERED_ID, BROKERED_ID_UNIONID), BROKERED_ID_UNIONID, BROKERED_ID_OPENID);
        NewUsernames.check(USERNAME_TEMPLATE, getUsernameTemplate());
        checkPair(OFFICIAL_ACCOUNT_APP_ID, getOfficialAccountAppId(), OFFICIAL_ACCOUNT_APP_SECRET,
                getOfficialAccountAppSecret());
        checkMessageServer();
        checkFollowQr();
        checkPair(MINI_PROGRAM_APP_ID, getMiniProgramAppId(), MINI_PROGRAM_APP_SECRET, getMiniProgramAppSecret());
        checkPair(MOBILE_APP_APP_ID, getMobileAppAppId(), MOBILE_APP_APP_SECRET, getMobileAppAppSecret());
        checkOneOf(CODE_GRANT_NEW_USERS, valueOrDefault(CODE_GRANT_NEW_USERS, NEW_USERS_CREATE), NEW_USERS_CREATE,
                NEW_USERS_REJECT);
        for (String clientId : getCodeGrantClients()) {
            if (clientId.length() > 255 || clientId.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(CODE_GRANT_CLIENTS
                        + " must be Keycloak client IDs separated by commas");
            }
        }
        String timeout = getConfig().get(TIMEOUT_MILLIS);
        if (timeout != null && !timeout.isBlank()) {
            try {
                long millis = Long.parseLong(timeout.trim());
                if (millis < MIN_TIMEOUT_MILLIS || millis > MAX_TIMEOUT_MILLIS) {
                    throw new IllegalArgumentException(TIMEOUT_MILLIS + " must be between " + MIN_TIMEOUT_MILLIS
                            + " and " + MAX_TIMEOUT_MILLIS);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(TIMEOUT_MILLIS + " must be a number of milliseconds");
            }
        }
        // Keycloak validates the provider on every save (admin console and REST, realm and partial import), in the
        // saving transaction, on the config it then stores: the place to move the secrets out of the config, which
        // the admin API shows unmasked, into their store, leaving the mask in their place (see StoredSecrets) ...
        StoredSecrets.keep(realm, getAlias(), getConfig());
        // ... and to declare the WeChat attributes in the user profile, as no sign-in may (see WeChatUserAttributes).
        WeChatUserAttributes.declareWhenSaved(KeycloakSessionUtil.getKeycloakSession(), realm);
    }

    /** WeChat's rules for the server configuration: Token 3–32 letters or digits, EncodingAESKey 43 of them. */
    private void checkMessageServer() {
        String token = getOfficialAccountToken();
        String aesKey = getOfficialAccountEncodingAesKey();
        if ((token != null || aesKey != null) && !hasOfficialAccount()) {
            throw new IllegalArgumentException(OFFICIAL_ACCOUNT_TOKEN + " and " + OFFICIAL_ACCOUNT_ENCODING_AES_KEY
                    + " belong to the Official Account: set " + OFFICIAL_ACCOUNT_APP_ID + " first");
        }
        if (aesKey != null && token == null) {
            throw new IllegalArgumentException(OFFICIAL_ACCOUNT_ENCODING_AES_KEY + " needs " + OFFICIAL_ACCOUNT_TOKEN);
        }
        // A mask stands for a value checked when it was stored.
        if (token != null && !isVaultReference(token) && !StoredSecrets.isMask(token) && !token.matches("[A-Za-z0-9]{3,32}")) {
            throw new IllegalArgumentException(OFFICIAL_ACCOUNT_TOKEN + " must be 3 to 32 letters or digits, as WeChat "
                    + "requires, or a ${vault.…} reference");
        }
        if (aesKey != null && !isVaultReference(aesKey) && !StoredSecrets.isMask(aesKey) && !aesKey.matches("[A-Za-z0-9]{43}")) {
            throw new IllegalArgumentException(OFFICIAL_ACCOUNT_ENCODING_AES_KEY + " must be the 43 letters and digits "
                    + "WeChat generated, or a ${vault.…} reference");
        }
    }

    /** Follow to sign in needs the pushes (the Official Account and its Token), and takes the panel's place. */
    private void checkFollowQr() {
        checkOneOf(FOLLOW_QR, valueOrDefault(FOLLOW_QR, "false"), "true", "false");
        if (!isFollowQr()) {
            return;
        }
        if (getOfficialAccountToken() == null) {
            throw new IllegalArgumentException(FOLLOW_QR + " needs the Official Account (" + OFFICIAL_ACCOUNT_APP_ID
                    + ", " + OFFICIAL_ACCOUNT_APP_SECRET + ") and its server " + OFFICIAL_ACCOUNT_TOKEN
                    + ": WeChat tells Keycloak who scanned through the pushes it signs with it");
        }
        if ("true".equals(valueOrDefault(EMBEDDED_QR, "false"))) {
            throw new IllegalArgumentException(FOLLOW_QR + " and " + EMBEDDED_QR
                    + " both fill the login page's WeChat panel: switch one of them off");
        }
    }

    /** A {@code ${vault.…}} reference, which Keycloak's vault resolves (the config holds no secret then). */
    public static boolean isVaultReference(String value) {
        return value.startsWith("${vault.") && value.endsWith("}");
    }

    private static void checkAppId(String key, String value) {
        if (value == null || !isAppId(value.trim())) {
            throw new IllegalArgumentException(key + " " + APP_ID_RULE);
        }
    }

    /** An app's AppID and AppSecret: both or neither, and the AppID in WeChat's form. */
    private static void checkPair(String idKey, String appId, String secretKey, String secret) {
        if ((appId != null) != (secret != null && !secret.isBlank())) {
            throw new IllegalArgumentException(idKey + " and " + secretKey + " must be set together");
        }
        if (appId != null) {
            checkAppId(idKey, appId);
        }
    }

    private static void checkOneOf(String key, String value, String... allowed) {
        if (!java.util.List.of(allowed).contains(value)) {
            throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed));
        }
    }

    private static void checkBaseUrl(RealmModel realm, String key, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(key + " must be an absolute https URL");
        }
        // Plain http only where the realm's "Require SSL" policy allows it, as for Keycloak's own providers.
        UriUtils.checkUrl(realm.getSslRequired(), value, key);
    }

    private String valueOrDefault(String key, String defaultValue) {
        String value = getConfig().get(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }
}

package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.TokenEndpoint;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.Test;

/**
 * A person signs in from the company's mini program (a {@code wx.login()} code) or its native app (a WeChat SDK
 * code): the app sends the code to Keycloak's token endpoint and gets Keycloak's tokens, for the same Keycloak user
 * the person is on the website.
 */
class MiniProgramAndAppSignInIT extends WeChatScenario {

    static final String WEBSITE = "wx3a4b5c6d7e8f9012";
    static final String MINI_PROGRAM = "wx5b6c7d8e9f0a1b2c";
    static final String MOBILE_APP = "wx7c8d9e0f1a2b3c4d";
    private static final String SECRET = "code-grant-secret-Qq7";
    private static final String MINI_CLIENT = "mini-program";
    private static final String APP_SERVER = "app-server";
    private static final String APP_SERVER_SECRET = "app-server-secret-Zz3";

    private CodeGrant miniProgram;
    private CodeGrant appServer;

    @Override
    protected String realmPrefix() {
        return "codegrant";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(WEBSITE, SECRET, "localhost");
        sim.addMiniProgram(MINI_PROGRAM, SECRET);
        sim.addMobileApp(MOBILE_APP, SECRET);
        realm.admin().createPublicClient(realm.name(), MINI_CLIENT, "http://127.0.0.1:9/unused");
        realm.admin().createConfidentialClient(realm.name(), APP_SERVER, APP_SERVER_SECRET);
        addIdentityProviderClaim(MINI_CLIENT);
        realm.addWeChat("wechat", WEBSITE, SECRET, Map.of(
                "miniProgramAppId", MINI_PROGRAM, "miniProgramAppSecret", SECRET,
                "mobileAppAppId", MOBILE_APP, "mobileAppAppSecret", SECRET,
                "codeGrantClients", MINI_CLIENT + ", " + APP_SERVER));
        miniProgram = CodeGrant.publicClient(keycloak, realm.name(), MINI_CLIENT);
        appServer = CodeGrant.confidentialClient(keycloak, realm.name(), APP_SERVER, APP_SERVER_SECRET);
    }

    @Test
    void theRealmsDiscoveryDocumentListsTheGrant() {
        JsonNode discovery = realm.admin().get("/realms/" + realm.name() + "/.well-known/openid-configuration")
                .orThrow().json();
        List<String> grants = new ArrayList<>();
        discovery.path("grant_types_supported").forEach(g -> grants.add(g.asText()));
        assertTrue(grants.contains(CodeGrant.GRANT_TYPE), "grant_types_supported: " + grants);
    }

    @Test
    void aNewPersonInTheMiniProgramGetsKeycloakTokensAndAnAccount() {
        sim.addPerson("xiaoming", "小明", null);
        int users = realm.userCount();

        TokenEndpoint.Answer answer = miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "xiaoming"));

        JsonNode tokens = answer.tokens();
        assertFalse(tokens.path("access_token").asText().isEmpty());
        assertFalse(tokens.path("refresh_token").asText().isEmpty());
        assertFalse(tokens.path("id_token").asText().isEmpty(), "scope=openid gives an ID token");
        assertEquals("wechat", answer.accessClaims().path("identity_provider").asText(),
                "the user session says it came through the WeChat provider");
        assertEquals(users + 1, realm.userCount());
        JsonNode user = realm.userLinkedTo(sim.unionid("xiaoming"));
        assertEquals(user.path("username").asText(), answer.accessClaims().path("preferred_username").asText());
        assertTrue(user.path("username").asText().startsWith("wechat_"), "a username like the web flow's");
        assertTrue(user.path("email").isMissingNode(), "no e-mail invented");
        assertEquals(List.of(MINI_PROGRAM + ":" + sim.openid("xiaoming", MINI_PROGRAM)),
                realm.attribute(user, "wechat_openid"));
        assertEquals(List.of(sim.unionid("xiaoming")), realm.attribute(user, "wechat_unionid"));

        JsonNode register = realm.latestEvent("REGISTER");
        assertEquals(user.path("id").asText(), register.path("userId").asText());
        JsonNode login = realm.latestEvent("LOGIN");
        assertEquals(user.path("id").asText(), login.path("userId").asText());
        assertEquals("wechat", login.path("details").path("identity_provider").asText());
        assertEquals(CodeGrant.GRANT_TYPE, login.path("details").path("grant_type").asText());
        assertEquals("mini_program", login.path("details").path("wechat_channel").asText());
        assertEquals(MINI_CLIENT, login.path("clientId").asText());
    }

    @Test
    void aReturningPersonCostsOneWeChatCallAndGetsTheSameUser() {
        sim.addPerson("laowang", "老王", null);
        String first = miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "laowang"))
                .accessClaims().path("sub").asText();
        sim.reset();

        String again = miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "laowang"))
                .accessClaims().path("sub").asText();

        assertEquals(first, again);
        assertEquals(1, sim.calls(SimEndpoint.JSCODE2SESSION));
        assertEquals(1, sim.apiCalls(), "one WeChat call for a returning person");
    }

    @Test
    void onePersonIsOneUserFromTheMiniProgramToTheWebsiteToTheApp() {
        sim.addPerson("hanmeimei", "韩梅梅", null);
        String sub = miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "hanmeimei"))
                .accessClaims().path("sub").asText();

        // On the website the realm asks for what it requires and WeChat never gave: the e-mail.
        WeChatLogin website = realm.login("wechat");
        String code = website.completeProfile(website.scanAs("hanmeimei"), "meimei@example.com", "Meimei", "Han");
        String websiteSub = OidcLogin.claims(website.exchangeForTokens(code).path("access_token").asText())
                .path("sub").asText();
        String appSub = appServer.signIn(MOBILE_APP, sim.mobileAppCode(MOBILE_APP, "hanmeimei"))
                .accessClaims().path("sub").asText();

        assertEquals(sub, websiteSub);
        assertEquals(sub, appSub);
        JsonNode user = realm.userLinkedTo(sim.unionid("hanmeimei"));
        List<String> openids = new ArrayList<>(realm.attribute(user, "wechat_openid"));
        Collections.sort(openids);
        List<String> expected = new ArrayList<>(List.of(
                MINI_PROGRAM + ":" + sim.openid("hanmeimei", MINI_PROGRAM),
                WEBSITE + ":" + sim.openid("hanmeimei", WEBSITE),
                MOBILE_APP + ":" + sim.openid("hanmeimei", MOBILE_APP)));
        Collections.sort(expected);
        assertEquals(expected, openids, "every app's openid is kept");
        assertEquals("meimei@example.com", user.path("email").asText());
    }

    @Test
    void aPersonWhoSignedUpOnTheWebsiteIsTheSameUserInTheMiniProgram() {
        sim.addPerson("lilei", "李雷", null);
        realm.signUp("wechat", "lilei", "lilei@example.com");
        String websiteUser = realm.userLinkedTo(sim.unionid("lilei")).path("id").asText();
        int registrations = realm.events("REGISTER").size();

        TokenEndpoint.Answer answer = miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "lilei"));

        assertEquals(websiteUser, answer.accessClaims().path("sub").asText());
        assertEquals(registrations, realm.events("REGISTER").size(), "nobody new");
        assertEquals(2, realm.attribute(realm.userLinkedTo(sim.unionid("lilei")), "wechat_openid").size());
    }

    @Test
    void anAdminsMapperChangeAppliesFromTheNextMiniProgramSignIn() {
        realm.declareAttribute("channel");
        sim.addPerson("xiaoli", "小李", null);
        String id = miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "xiaoli"))
                .accessClaims().path("sub").asText();
        assertEquals(List.of(), channel(id), "no mapper yet");

        // The admin adds a mapper: the very next sign-in applies it (in "force" mode, on every sign-in).
        String mappers = "/admin/realms/" + realm.name() + "/identity-provider/instances/wechat/mappers";
        Map<String, Object> mapper = new HashMap<>(Map.of("name", "channel", "identityProviderAlias",
                "wechat", "identityProviderMapper", "hardcoded-attribute-idp-mapper", "config",
                Map.of("attribute", "channel", "attribute.value", "mini-program", "syncMode", "FORCE")));
        String location = realm.admin().post(mappers, mapper).orThrow().location();
        miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "xiaoli"));
        assertEquals(List.of("mini-program"), channel(id), "the new mapper");

        // ... changes its value: the next sign-in writes the new one.
        mapper.put("id", location.substring(location.lastIndexOf('/') + 1));
        mapper.put("config", Map.of("attribute", "channel", "attribute.value", "mini-program-v2", "syncMode", "FORCE"));
        realm.admin().put(mappers + "/" + mapper.get("id"), mapper).orThrow();
        miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "xiaoli"));
        assertEquals(List.of("mini-program-v2"), channel(id), "the changed mapper");

        // ... removes it, and the attribute no longer follows it.
        realm.admin().delete(mappers + "/" + mapper.get("id")).orThrow();
        com.fasterxml.jackson.databind.node.ObjectNode user =
                (com.fasterxml.jackson.databind.node.ObjectNode) realm.admin().user(realm.name(), id);
        ((com.fasterxml.jackson.databind.node.ObjectNode) user.path("attributes")).putArray("channel")
                .add("set-by-admin");
        realm.admin().put("/admin/realms/" + realm.name() + "/users/" + id, user).orThrow();
        assertEquals(List.of("set-by-admin"), channel(id));
        miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "xiaoli"));
        assertEquals(List.of("set-by-admin"), channel(id), "the removed mapper writes nothing");
    }

    private List<String> channel(String userId) {
        return realm.attribute(realm.admin().user(realm.name(), userId), "channel");
    }

    @Test
    void aNewPersonInTheMobileAppGetsTheirNicknameAsFirstName() {
        sim.addPerson("zhangsan", "张三", null);

        TokenEndpoint.Answer answer = appServer.signIn(MOBILE_APP, sim.mobileAppCode(MOBILE_APP, "zhangsan"));

        answer.tokens();
        JsonNode user = realm.userLinkedTo(sim.unionid("zhangsan"));
        assertEquals("张三", user.path("firstName").asText());
        assertEquals(List.of("张三"), realm.attribute(user, "wechat_nickname"));
        assertEquals("mobile_app", realm.latestEvent("LOGIN").path("details").path("wechat_channel").asText());
        assertEquals(1, sim.calls(SimEndpoint.USERINFO), "a new person's profile is fetched");
    }

    @Test
    void theRefreshTokenWorksLikeAnyOther() {
        sim.addPerson("refresher", "刷新", null);
        TokenEndpoint.Answer first = miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "refresher"));

        TokenEndpoint.Answer refreshed = miniProgram.refresh(first.tokens().path("refresh_token").asText());

        assertEquals(first.accessClaims().path("sub").asText(), refreshed.accessClaims().path("sub").asText());
        assertEquals(first.accessClaims().path("sid").asText(), refreshed.accessClaims().path("sid").asText(),
                "the same user session");
        assertNotEquals(first.tokens().path("access_token").asText(), refreshed.tokens().path("access_token").asText());
    }

    @Test
    void twoFirstRequestsOfOnePersonAtTheSameMomentCreateOneUser() throws Exception {
        sim.addPerson("twice", "两次", null);
        int users = realm.userCount();
        List<String> codes = List.of(sim.miniProgramLoginCode(MINI_PROGRAM, "twice"),
                sim.miniProgramLoginCode(MINI_PROGRAM, "twice"), sim.miniProgramLoginCode(MINI_PROGRAM, "twice"));
        Map<String, String> subs = Collections.synchronizedMap(new HashMap<>());

        WeChatRealm.allAtOnce(codes, code -> subs.put(code,
                miniProgram.signIn(MINI_PROGRAM, code).accessClaims().path("sub").asText()));

        assertEquals(users + 1, realm.userCount());
        assertEquals(1, Set.copyOf(subs.values()).size(), "one user: " + subs);
        assertEquals(1, realm.events("REGISTER").stream()
                .filter(e -> e.path("userId").asText().equals(subs.values().iterator().next())).count());
    }

    @Test
    void aDisabledUserGetsNoTokens() {
        sim.addPerson("disabled", "停用", null);
        miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "disabled")).tokens();
        JsonNode user = realm.userLinkedTo(sim.unionid("disabled"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) user).put("enabled", false);
        realm.admin().put("/admin/realms/" + realm.name() + "/users/" + user.path("id").asText(), user).orThrow();

        TokenEndpoint.Answer answer = miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "disabled"));

        assertEquals(400, answer.status());
        assertEquals("invalid_grant", answer.error());
        assertEquals("user_disabled", realm.latestEvent("LOGIN_ERROR").path("error").asText());
    }

    @Test
    void theMiniProgramsAppSecretMayComeFromKeycloaksVault() {
        sim.addPerson("vaulted", "保险库", null);
        sim.addPerson("unvaulted", "无保险库", null);
        keycloak.putVaultSecret(realm.name(), "mini_secret", SECRET);
        realm.admin().updateIdentityProvider(realm.name(), "wechat",
                Map.of("miniProgramAppSecret", "${vault.mini_secret}"));
        try {
            miniProgram.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "vaulted")).tokens();

            realm.admin().updateIdentityProvider(realm.name(), "wechat",
                    Map.of("miniProgramAppSecret", "${vault.no_such_secret}"));
            int users = realm.userCount();
            TokenEndpoint.Answer answer = miniProgram.signIn(MINI_PROGRAM,
                    sim.miniProgramLoginCode(MINI_PROGRAM, "unvaulted"));

            assertEquals(503, answer.status(), answer.body().toString());
            assertEquals("temporarily_unavailable", answer.error());
            assertEquals("vault_secret_unresolved",
                    realm.latestEvent("LOGIN_ERROR").path("details").path("reason").asText());
            assertEquals(users, realm.userCount());
        } finally {
            realm.admin().updateIdentityProvider(realm.name(), "wechat", Map.of("miniProgramAppSecret", SECRET));
        }
    }

    /** A "User Session Note" mapper, as an admin adds one, so the tokens say which provider signed the person in. */
    private void addIdentityProviderClaim(String clientId) {
        String id = realm.admin().get("/admin/realms/" + realm.name() + "/clients?clientId=" + clientId)
                .orThrow().json().get(0).path("id").asText();
        realm.admin().post("/admin/realms/" + realm.name() + "/clients/" + id + "/protocol-mappers/models", Map.of(
                "name", "identity provider", "protocol", "openid-connect",
                "protocolMapper", "oidc-usersessionmodel-note-mapper",
                "config", Map.of("user.session.note", "identity_provider", "claim.name", "identity_provider",
                        "jsonType.label", "String", "access.token.claim", "true", "id.token.claim", "true")))
                .orThrow();
    }

}

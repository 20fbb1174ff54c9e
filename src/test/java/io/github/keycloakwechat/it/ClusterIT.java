package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.ClusterNode;
import io.github.keycloakwechat.it.support.KeycloakCluster;
import io.github.keycloakwechat.it.support.LocalPostgres;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.it.support.TokenEndpoint;
import io.github.keycloakwechat.simulator.PushDelivery;
import io.github.keycloakwechat.simulator.PushMode;
import io.github.keycloakwechat.simulator.SimEndpoint;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Keycloak nodes in production mode on one PostgreSQL, clustered by Keycloak's defaults: WeChat's callback
 * may reach another node than the one that sent the person to WeChat, because the provider keeps its
 * {@code state} handle in Keycloak's cluster-wide single-use store, not in one node's memory. A mini program's tokens
 * from one node refresh on the other, the app access token both nodes need is fetched once for the cluster, and the
 * Official Account's QR code one node shows continues when WeChat pushes the scan to the other.
 *
 * <p>Runs in its own failsafe execution ({@code it-cluster}). Without PostgreSQL the tests are skipped with the
 * reason, unless {@code keycloak.cluster.required=true} or the environment says {@code CI=true} (as {@code .ci/run}
 * sets), where that is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String APP_ID = "wx6f708192a3b4c5d6";
    private static final String SECRET = "it-cluster-secret-Qw7e";
    private static final String MINI_PROGRAM = "wx8192a3b4c5d6e7f8";
    private static final String MINI_CLIENT = "mini-program";
    private static final String OFFICIAL_ACCOUNT = "wx92a3b4c5d6e7f809";
    private static final String TOKEN = "ClusterFollow2026";
    private static final String AES_KEY = "ClusterFollowKey0123456789abcdefghijklmnopq";

    private String skipReason;
    private WeChatSimulator sim;
    private LocalPostgres postgres;
    private KeycloakCluster cluster;
    private ClusterNode nodeA;
    private ClusterNode nodeB;
    private WeChatRealm realm;

    @BeforeAll
    void startTheCluster() {
        if (!"cluster".equals(System.getProperty("keycloak.runtime"))) {
            // -Dit.test=... overrides each execution's includes: the other executions only report it skipped.
            skipReason = "ClusterIT runs in the it-cluster execution (keycloak.runtime=cluster)";
            return;
        }
        try {
            postgres = LocalPostgres.start();
        } catch (LocalPostgres.Unavailable e) {
            skipReason = "No PostgreSQL for the cluster test: " + e.getMessage();
            if (Boolean.getBoolean("keycloak.cluster.required") || "true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(skipReason + " (keycloak.cluster.required=true)", e);
            }
            return;
        }
        cluster = KeycloakCluster.start(postgres, List.of("node-a", "node-b"));
        nodeA = cluster.node(0);
        nodeB = cluster.node(1);
        sim = WeChatSimulator.start(0);
        sim.addWebsiteApp(APP_ID, SECRET, "localhost");
        sim.addMiniProgram(MINI_PROGRAM, SECRET);
        realm = WeChatRealm.create(nodeA, sim, "cluster");
        realm.admin().createPublicClient(realm.name(), MINI_CLIENT, "http://127.0.0.1:9/unused");
        sim.addOfficialAccount(OFFICIAL_ACCOUNT, SECRET, "localhost");
        realm.addWeChat("wechat", APP_ID, SECRET, Map.of("miniProgramAppId", MINI_PROGRAM,
                "miniProgramAppSecret", SECRET, "codeGrantClients", MINI_CLIENT,
                "officialAccountAppId", OFFICIAL_ACCOUNT, "officialAccountAppSecret", SECRET,
                "officialAccountToken", TOKEN, "officialAccountEncodingAesKey", AES_KEY, "kcTheme-followQr", "true"));
    }

    @BeforeEach
    void skipWithoutTheCluster() {
        if (skipReason != null) {
            Assumptions.abort(skipReason);
        }
        sim.reset();
    }

    @AfterAll
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    @Order(1)
    void bothNodesJoinedOneCluster() {
        for (ClusterNode node : List.of(nodeA, nodeB)) {
            List<String> members = node.clusterMembers();
            System.out.println(node.name() + " cluster views: " + node.clusterViewLines());
            assertEquals(2, members.size(), node.name() + "'s latest cluster view: " + node.clusterViewLines());
            assertTrue(members.contains("node-a") && members.contains("node-b"), node.name() + " sees " + members);
        }
    }

    @Test
    @Order(2)
    void aSignInStartedOnNodeAWhoseCallbackLandsOnNodeBSignsThePersonIn() {
        sim.addPerson("crossnode", "跨节点", "");
        int usersBefore = realm.userCount();

        WeChatLogin login = realm.login("wechat");
        String callbackOnA = login.scanAndHoldCallback("crossnode");
        assertTrue(callbackOnA.startsWith(nodeA.baseUrl() + "/realms/"), "node A sent the person to WeChat: " + callbackOnA);
        Page review = login.openCallback(onNode(nodeB, callbackOnA));

        assertTrue(review.url().startsWith(nodeB.baseUrl()), "node B answered the callback: " + review);
        String code = login.completeProfile(review, "crossnode@example.com", "Kua", "Jiedian");
        // The client redeems the code on node A: the code node B issued is cluster-wide too.
        assertNotNull(login.exchangeForTokens(code).get("access_token"), "signed in: the client gets tokens");
        String unionid = sim.unionid("crossnode");
        JsonNode user = realm.userLinkedTo(unionid);
        assertEquals(usersBefore + 1, realm.userCount(), "exactly one new user");
        assertEquals(Map.of("wechat", unionid), realm.links(user));
        assertEquals(1, sim.calls(SimEndpoint.ACCESS_TOKEN), "WeChat's code was exchanged once");
    }

    @Test
    @Order(3)
    void thatCallbackReplayedOnNodeAIsRefusedWithAReadablePageAndNoSecondUser() {
        sim.addPerson("replayed", "重放", "");
        WeChatLogin login = realm.login("wechat");
        String callbackOnA = login.scanAndHoldCallback("replayed");
        String code = login.completeProfile(login.openCallback(onNode(nodeB, callbackOnA)), "replayed@example.com",
                "Chong", "Fang");
        assertNotNull(login.exchangeForTokens(code).get("access_token"));
        int usersAfterSignIn = realm.userCount();
        int exchanges = sim.calls(SimEndpoint.ACCESS_TOKEN);

        // WeChat (or the person's back button) sends the same callback again, this time to node A.
        Page sameBrowser = login.openCallback(callbackOnA);
        Page otherBrowser = realm.newBrowser().get(callbackOnA);

        for (Page page : List.of(sameBrowser, otherBrowser)) {
            System.out.println("Replay on node A answered " + page);
            assertTrue(page.status() < 500, "no server error: " + page);
            assertTrue(page.url().startsWith(nodeA.baseUrl()), "node A answered: " + page);
            // No login session for that callback in either browser (the sign-in finished): our error page, a
            // message naming WeChat that says how to start again (reason login_session_not_found), no stack trace.
            String message = page.document().select("#kc-error-message .instruction").text();
            assertTrue(message.contains("sign in with WeChat again"), "a message a person can act on: " + page);
        }
        assertEquals(usersAfterSignIn, realm.userCount(), "no extra user");
        assertEquals(exchanges, sim.calls(SimEndpoint.ACCESS_TOKEN), "the code is not exchanged a second time");
    }

    @Test
    @Order(4)
    void aMiniProgramSignInOnNodeAIsRefreshedOnNodeB() {
        sim.addPerson("miniapp", "小程序", "");

        TokenEndpoint.Answer onA = CodeGrant.publicClient(nodeA, realm.name(), MINI_CLIENT)
                .signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "miniapp"));
        // The load balancer sends the refresh to node B with the public host name, node A's here.
        TokenEndpoint nodeBBehindTheBalancer = TokenEndpoint.behindLoadBalancer(nodeB.baseUrl(), nodeA.baseUrl(),
                realm.name());
        TokenEndpoint.Answer onB = CodeGrant.publicClient(nodeBBehindTheBalancer, MINI_CLIENT)
                .refresh(onA.tokens().path("refresh_token").asText());

        assertEquals(onA.accessClaims().path("sub").asText(), onB.accessClaims().path("sub").asText());
        assertEquals(onA.accessClaims().path("sid").asText(), onB.accessClaims().path("sid").asText(),
                "node B refreshed the user session node A created");
    }

    @Test
    @Order(5)
    void aMapperAnAdminAddsOnNodeAAppliesAtOnceToMiniProgramSignInsOnNodeB() {
        realm.declareAttribute("channel");
        sim.addPerson("mapped", "映射", "");
        CodeGrant onB = CodeGrant.publicClient(nodeB, realm.name(), MINI_CLIENT);
        String id = onB.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "mapped"))
                .accessClaims().path("sub").asText();
        assertEquals(List.of(), channel(id), "no mapper yet (node B has read the provider's mappers)");

        realm.admin().post("/admin/realms/" + realm.name() + "/identity-provider/instances/wechat/mappers", Map.of(
                "name", "channel", "identityProviderAlias", "wechat", "identityProviderMapper",
                "hardcoded-attribute-idp-mapper", "config", Map.of("attribute", "channel", "attribute.value", "cluster",
                        "syncMode", "FORCE"))).orThrow();
        onB.signIn(MINI_PROGRAM, sim.miniProgramLoginCode(MINI_PROGRAM, "mapped"));

        assertEquals(List.of("cluster"), channel(id), "the mapper added through node A, applied by node B");
    }

    private List<String> channel(String userId) {
        return realm.attribute(realm.admin().user(realm.name(), userId), "channel");
    }

    @Test
    @Order(6)
    void phoneSignInsOnBothNodesAtOnceFetchTheAppAccessTokenOnce() throws Exception {
        List<String> people = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add("caller" + i);
            sim.addPerson("caller" + i, "来电" + i, "").phone("1380000" + String.format("%04d", i), "86");
        }

        WeChatRealm.allAtOnce(people, id -> {
            ClusterNode node = Integer.parseInt(id.substring("caller".length())) % 2 == 0 ? nodeA : nodeB;
            CodeGrant.publicClient(node, realm.name(), MINI_CLIENT).send(Map.of("appid", MINI_PROGRAM,
                    "code", sim.miniProgramLoginCode(MINI_PROGRAM, id), "phone_code", sim.phoneCode(MINI_PROGRAM, id)))
                    .tokens();
        });

        assertEquals(1, sim.calls(SimEndpoint.STABLE_TOKEN), "one fetch for the whole cluster");
        assertEquals(20, sim.calls(SimEndpoint.GET_USER_PHONE_NUMBER));
    }

    @Test
    @Order(7)
    void aFollowQrCodeShownByNodeAContinuesWhenWeChatPushesTheScanToNodeB() {
        sim.addPerson("follower", "关注者", "");
        sim.configureMessageServer(OFFICIAL_ACCOUNT, nodeB.baseUrl() + "/realms/" + realm.name()
                + "/broker/wechat/endpoint/messages", TOKEN, AES_KEY, PushMode.SAFE);
        Browser browser = new Browser();
        OidcLogin oidc = OidcLogin.of(nodeA, realm.name(), WeChatRealm.CLIENT_ID, WeChatRealm.CLIENT_REDIRECT_URI);
        FollowQr qr = FollowQr.open(browser, oidc.open(browser), "wechat");
        assertTrue(qr.frame().url().startsWith(nodeA.baseUrl()), "node A showed the QR code: " + qr.frame().url());
        assertEquals("waiting", qr.status());

        PushDelivery push = sim.scanQrTicket(qr.ticket(), "follower");

        assertEquals(PushDelivery.Status.ACKNOWLEDGED, push.status(), String.valueOf(push.lastAttempt()));
        assertTrue(push.lastAttempt().url().startsWith(nodeB.baseUrl()), "node B took the push: " + push.lastAttempt().url());
        // What the page on node A learns at its next question, a second later at most.
        assertEquals("scanned", qr.awaitStatus("scanned", java.time.Duration.ofSeconds(1)), "node A knows of node B's push");
        Page review = browser.get(onNode(nodeB, qr.signInUrl()));
        String code = new WeChatLogin(browser, oidc, sim).completeProfile(review, "follower@example.com", "Guan", "Zhu");
        assertNotNull(oidc.exchangeCode(code).get("access_token"), "signed in: the client gets tokens");
        realm.userLinkedTo(sim.unionid("follower"));
    }

    @Test
    @Order(8)
    void withNodeAStoppedAfterTheRedirectToWeChatNodeBStillSignsThePersonIn() {
        sim.addPerson("failover", "故障转移", "");
        int usersBefore = realm.userCount();
        WeChatLogin login = realm.login("wechat");
        login.qrConnectUrl(); // node A issued the state handle and sent the person to WeChat

        nodeA.stop();
        assertTrue(!nodeA.isRunning(), "node A is down");
        String callbackOnA = login.scanAndHoldCallback("failover");
        Page review = login.openCallback(onNode(nodeB, callbackOnA));

        assertTrue(review.status() < 500, "no server error: " + review);
        String code = login.completeProfile(review, "failover@example.com", "Gu", "Zhang");
        JsonNode tokens = OidcLogin.of(nodeB, realm.name(), WeChatRealm.CLIENT_ID, WeChatRealm.CLIENT_REDIRECT_URI)
                .exchangeCode(code);
        assertNotNull(tokens.get("access_token"), "signed in: the client gets tokens from node B");
        WeChatRealm onB = WeChatRealm.existing(nodeB, sim, realm.name());
        onB.userLinkedTo(sim.unionid("failover"));
        assertEquals(usersBefore + 1, onB.userCount(), "exactly one new user");
    }

    /** The same URL on another node: what a load balancer does when it picks another backend. */
    private static String onNode(ClusterNode node, String url) {
        String path = url.substring(url.indexOf('/', url.indexOf("//") + 2));
        return node.baseUrl() + path;
    }
}

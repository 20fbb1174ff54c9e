package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.it.support.TokenEndpoint;
import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.Test;

/**
 * A person taps the mini program's "use my WeChat phone number" button: the mini program sends the phone code with
 * the sign-in, and the number WeChat verified lands on the person's Keycloak user, in the {@code phone} scope's claims.
 * The mini program's app access token behind it is fetched once for the whole cluster and replaced once when WeChat
 * drops it early.
 */
class MiniProgramPhoneNumbersIT extends WeChatScenario {

    private static final String WEBSITE = "wx1d2e3f4a5b6c7d8e";
    private static final String MINI_PROGRAM = "wx9e8d7c6b5a4f3e2d";
    private static final String SECRET = "phone-secret-Kk5";
    private static final String CLIENT = "mini-program";

    private CodeGrant miniProgram;

    @Override
    protected String realmPrefix() {
        return "phones";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(WEBSITE, SECRET, "localhost");
        sim.addMiniProgram(MINI_PROGRAM, SECRET);
        realm.admin().createPublicClient(realm.name(), CLIENT, "http://127.0.0.1:9/unused");
        realm.addWeChat("wechat", WEBSITE, SECRET, Map.of("miniProgramAppId", MINI_PROGRAM,
                "miniProgramAppSecret", SECRET, "codeGrantClients", CLIENT));
        miniProgram = CodeGrant.publicClient(keycloak, realm.name(), CLIENT);
    }

    @Test
    void theVerifiedNumberIsKeptOnTheUserAndInThePhoneScopesClaims() {
        sim.addPerson("caller", "来电", null).phone("13800000000", "86");

        TokenEndpoint.Answer answer = miniProgram.send(Map.of("appid", MINI_PROGRAM, "scope", "openid phone",
                "code", sim.miniProgramLoginCode(MINI_PROGRAM, "caller"),
                "phone_code", sim.phoneCode(MINI_PROGRAM, "caller")));

        JsonNode claims = answer.accessClaims();
        assertEquals("+8613800000000", claims.path("phone_number").asText());
        assertTrue(claims.path("phone_number_verified").asBoolean(), "verified by WeChat: " + claims);
        // Keycloak's default user profile does not declare phoneNumber: an admin who wants to see it declares it.
        realm.declareAttribute("phoneNumber");
        JsonNode user = realm.userLinkedTo(sim.unionid("caller"));
        assertEquals(List.of("+8613800000000"), realm.attribute(user, "phoneNumber"));
    }

    @Test
    void aPhoneCodeWeChatRefusesFailsTheSignInAndCreatesNobody() {
        sim.addPerson("nophone", "无号", null).phone("13900000000", "86");
        int users = realm.userCount();

        TokenEndpoint.Answer answer = miniProgram.send(Map.of("appid", MINI_PROGRAM,
                "code", sim.miniProgramLoginCode(MINI_PROGRAM, "nophone"), "phone_code", "not-a-phone-code"));

        assertEquals(400, answer.status());
        assertEquals("invalid_grant", answer.error());
        assertTrue(answer.description().contains("phone_code"), answer.description());
        assertEquals(users, realm.userCount(), "no half-made user");
        JsonNode event = realm.latestEvent("LOGIN_ERROR");
        assertEquals("40029", event.path("details").path("wechat_errcode").asText());
    }

    @Test
    void aNumberWeChatIssuedToAnotherMiniProgramIsRefused() {
        sim.addPerson("stranger", "陌生", null).phone("13700000000", "86");
        sim.faults().once(SimEndpoint.GET_USER_PHONE_NUMBER, Fault.rawBody("application/json",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":\"13700000000\","
                        + "\"purePhoneNumber\":\"13700000000\",\"countryCode\":\"86\","
                        + "\"watermark\":{\"timestamp\":1700000000,\"appid\":\"wx0000000000000000\"}}}"));
        int users = realm.userCount();

        TokenEndpoint.Answer answer = miniProgram.send(Map.of("appid", MINI_PROGRAM,
                "code", sim.miniProgramLoginCode(MINI_PROGRAM, "stranger"),
                "phone_code", sim.phoneCode(MINI_PROGRAM, "stranger")));

        assertEquals("invalid_grant", answer.error());
        assertEquals(users, realm.userCount());
        assertEquals("phone_watermark_mismatch",
                realm.latestEvent("LOGIN_ERROR").path("details").path("reason").asText());
    }

    @Test
    void fiftyPhoneSignInsAtOnceFetchTheAppAccessTokenOnce() throws Exception {
        // A mini program whose app access token nobody has asked for yet, in this run or before.
        String fresh = "wx4c3b2a1f0e9d8c7b";
        sim.addMiniProgram(fresh, SECRET);
        realm.admin().updateIdentityProvider(realm.name(), "wechat", Map.of("miniProgramAppId", fresh));
        try {
            List<String> people = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                people.add("crowd" + i);
                sim.addPerson("crowd" + i, "人群" + i, null).phone("1360000" + String.format("%04d", i), "86");
            }

            WeChatRealm.allAtOnce(people, id -> miniProgram.send(Map.of("appid", fresh,
                    "code", sim.miniProgramLoginCode(fresh, id), "phone_code", sim.phoneCode(fresh, id))).tokens());

            assertEquals(1, sim.calls(SimEndpoint.STABLE_TOKEN), "one fetch for 50 requests");
            assertEquals(50, sim.calls(SimEndpoint.GET_USER_PHONE_NUMBER));
        } finally {
            realm.admin().updateIdentityProvider(realm.name(), "wechat", Map.of("miniProgramAppId", MINI_PROGRAM));
        }
    }

    @Test
    void aTokenWeChatDropsEarlyIsReplacedOnceAndTheSignInSucceeds() {
        sim.addPerson("early", "提前", null).phone("13500000000", "86");
        sim.addPerson("later", "之后", null).phone("13500000001", "86");
        signInWithPhone("early").tokens();
        sim.invalidateAppAccessTokens(MINI_PROGRAM);
        sim.reset();

        signInWithPhone("later").tokens();

        assertEquals(1, sim.calls(SimEndpoint.STABLE_TOKEN), "replaced once");
        assertEquals(2, sim.calls(SimEndpoint.GET_USER_PHONE_NUMBER), "refused once, then answered");
    }

    @Test
    void anAppSecretWeChatRefusesForTheAccessTokenIsTheServersProblem() {
        sim.addPerson("unlucky", "不走运", null).phone("13300000000", "86");
        // Whatever token is cached now: WeChat calls it invalid, and the replacement fails.
        sim.faults().once(SimEndpoint.GET_USER_PHONE_NUMBER, Fault.errcode(40001));
        sim.faults().always(SimEndpoint.STABLE_TOKEN, Fault.errcode(40125));
        int users = realm.userCount();

        TokenEndpoint.Answer answer = signInWithPhone("unlucky");

        assertEquals(503, answer.status());
        assertEquals("temporarily_unavailable", answer.error());
        assertTrue(answer.description().contains("administrator"), answer.description());
        assertEquals(users, realm.userCount());
        assertEquals("40125", realm.latestEvent("LOGIN_ERROR").path("details").path("wechat_errcode").asText());
    }

    private TokenEndpoint.Answer signInWithPhone(String person) {
        return miniProgram.send(Map.of("appid", MINI_PROGRAM, "code", sim.miniProgramLoginCode(MINI_PROGRAM, person),
                "phone_code", sim.phoneCode(MINI_PROGRAM, person)));
    }
}

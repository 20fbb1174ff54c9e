package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The realm's user profile belongs to its admin. The provider declares its four attributes there when the admin saves
 * a WeChat provider, and never writes the user profile during a sign-in: Keycloak rewrites the whole configuration on
 * every change, and first sign-ins that did so at the same moment once made Keycloak fall back to its default profile
 * (people stopped at "verify profile" in a realm whose admin had made e-mail optional).
 */
class AdminUserProfileIT extends WeChatScenario {

    private static final String APP = "wx0d1e2f3a4b5c6d7e";
    private static final String SECRET = "profile-secret-Up8";
    private static final List<String> WECHAT_ATTRIBUTES =
            List.of("wechat_unionid", "wechat_openid", "wechat_nickname", "wechat_avatar");
    private static final Set<String> MADE_OPTIONAL = Set.of("email", "firstName", "lastName");

    @Override
    protected String realmPrefix() {
        return "profile";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP, SECRET, "localhost");
    }

    @Test
    void savingTheProviderDeclaresTheAttributesOnceAndSignInsNeverWriteTheUserProfile() throws Exception {
        WeChatRealm fresh = WeChatRealm.create(keycloak, sim, "declare");
        assertTrue(declared(fresh).isEmpty(), "a new realm's user profile has no WeChat attributes");

        fresh.addWeChat("wechat", APP, SECRET, Map.of());

        assertEquals(WECHAT_ATTRIBUTES, declared(fresh), "declared when the admin added the provider");
        JsonNode openid = attribute(fresh.userProfile(), "wechat_openid");
        assertEquals("wechat", openid.path("group").asText());
        assertTrue(openid.path("multivalued").asBoolean(), "one AppID:openid per WeChat app");
        assertEquals("[\"admin\"]", openid.path("permissions").path("view").toString(), "admins only");
        assertEquals(1, declarationsLogged(fresh), "the declaration is logged once, naming the realm");

        List<String> people = List.of("decl1", "decl2", "decl3", "decl4");
        people.forEach(id -> sim.addPerson(id, "声明" + id, null));
        WeChatRealm.allAtOnce(people, id -> fresh.signUp("wechat", id, id + "@example.com"));

        assertEquals(1, declarationsLogged(fresh), "no sign-in declared anything");
        for (String id : people) {
            JsonNode user = fresh.userLinkedTo(sim.unionid(id));
            assertEquals(List.of(sim.unionid(id)), fresh.attribute(user, "wechat_unionid"));
        }

        // Saving the provider again finds everything declared: nothing to write, nothing logged.
        fresh.admin().updateIdentityProvider(fresh.name(), "wechat", Map.of("timeoutMillis", "4000"));
        assertEquals(1, declarationsLogged(fresh));
    }

    @Test
    void anAdminChangesTheUserProfileWhileFirstSignInsRunAndEveryChangeSurvives() throws Exception {
        WeChatRealm busy = WeChatRealm.create(keycloak, sim, "busy");
        busy.addWeChat("wechat", APP, SECRET, Map.of());
        busy.admin().makeOptional(busy.name(), MADE_OPTIONAL);
        List<String> people = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            people.add("busy" + i);
            sim.addPerson("busy" + i, "忙碌" + i, null);
        }

        // While the people sign up, the admin keeps adding attributes to the user profile, each a whole-profile write.
        AtomicBoolean signingUp = new AtomicBoolean(true);
        AtomicInteger adminChanges = new AtomicInteger();
        ExecutorService adminThread = Executors.newSingleThreadExecutor();
        Future<?> admin = adminThread.submit(() -> {
            while (signingUp.get() || adminChanges.get() < 3) {
                busy.declareAttribute("department" + adminChanges.incrementAndGet());
            }
        });
        try {
            // With e-mail and names optional, Keycloak creates each new person straight away: no profile page.
            WeChatRealm.allAtOnce(people, id -> busy.login("wechat").scanAsReturning(id));
        } finally {
            signingUp.set(false);
            admin.get(60, TimeUnit.SECONDS);
            adminThread.shutdownNow();
        }

        JsonNode profile = busy.userProfile();
        for (int i = 1; i <= adminChanges.get(); i++) {
            assertFalse(attribute(profile, "department" + i).isMissingNode(), "the admin's change " + i + " survived");
        }
        for (JsonNode attribute : profile.path("attributes")) {
            if (MADE_OPTIONAL.contains(attribute.path("name").asText())) {
                assertTrue(attribute.path("required").isMissingNode(), "still optional: " + attribute);
            }
        }
        assertTrue(declared(busy).containsAll(WECHAT_ATTRIBUTES), "the WeChat attributes stayed declared");
        assertEquals(people.size(), busy.userCount(), "everybody signed up, nobody stopped at a profile page");
        assertEquals(1, declarationsLogged(busy));
    }

    @Test
    void anAdminWhoReplacedTheUserProfileWithoutTheWeChatAttributesGetsThemBackBySavingTheProvider() {
        WeChatRealm replaced = WeChatRealm.create(keycloak, sim, "replaced");
        replaced.addWeChat("wechat", APP, SECRET, Map.of());
        replaced.editUserProfile(profile -> {
            ArrayNode attributes = (ArrayNode) profile.path("attributes");
            for (int i = attributes.size() - 1; i >= 0; i--) {
                if (attributes.get(i).path("name").asText().startsWith("wechat_")) {
                    attributes.remove(i);
                }
            }
        });
        sim.addPerson("undeclared", "未声明", null);

        replaced.signUp("wechat", "undeclared", "undeclared@example.com");

        String unionid = sim.unionid("undeclared");
        assertTrue(replaced.attribute(replaced.userLinkedTo(unionid), "wechat_unionid").isEmpty(),
                "undeclared attributes are hidden from admins");
        assertTrue(declared(replaced).isEmpty(), "the sign-in did not touch the admin's user profile");
        assertTrue(keycloak.serverLog().contains("Realm " + replaced.name()
                + ": the WeChat attributes [wechat_unionid, wechat_openid, wechat_nickname, wechat_avatar] are not"
                + " declared in its user profile"), "the log tells the admin what to do");

        replaced.admin().updateIdentityProvider(replaced.name(), "wechat", Map.of());

        assertEquals(WECHAT_ATTRIBUTES, declared(replaced));
        JsonNode user = replaced.userLinkedTo(unionid);
        assertEquals(List.of(sim.unionid("undeclared")), replaced.attribute(user, "wechat_unionid"),
                "stored all along, visible once declared");
        assertEquals(List.of("未声明"), replaced.attribute(user, "wechat_nickname"));
    }

    private int declarationsLogged(WeChatRealm realm) {
        Pattern line = Pattern.compile("INFO .*Declared the WeChat attributes .* in the user profile of realm "
                + Pattern.quote(realm.name()) + " ");
        return (int) keycloak.serverLog().lines().filter(l -> line.matcher(l).find()).count();
    }

    private static List<String> declared(WeChatRealm realm) {
        List<String> names = new ArrayList<>();
        for (JsonNode attribute : realm.userProfile().path("attributes")) {
            String name = attribute.path("name").asText();
            if (name.startsWith("wechat_")) {
                names.add(name);
            }
        }
        return names;
    }

    private static JsonNode attribute(JsonNode profile, String name) {
        for (JsonNode attribute : profile.path("attributes")) {
            if (name.equals(attribute.path("name").asText())) {
                return attribute;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}

package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import io.github.keycloakwechat.it.CleanFailure.Expected;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Sign-ins abandoned halfway expire with the realm's login timeout (here 60 s, the shortest a state handle
 * lives): a QR page scanned too late is refused without asking WeChat, a first sign-in left on the
 * review-profile page stops holding the same person off in other browsers, and the Official Account's QR code of a
 * login page left open says it expired and signs nobody in. All are started when the class starts; the tests wait
 * for the same moment, 62 s later.
 */
class AbandonedSignInsIT extends WeChatScenario {

    private static final String APP_ID = "wx708192a3b4c5d6e7";
    private static final String SECRET = "it-abandoned-secret-Qe4t";
    private static final String OFFICIAL_ACCOUNT = "wx8192a3b4c5d6e7f8";
    private static final String TOKEN = "AbandonedFollow60";
    private static final int LOGIN_TIMEOUT_SECONDS = 60;

    private WeChatLogin qrPageLeftOpen;
    private FollowQr followQrLeftOpen;
    private long abandonedAt;

    @Override
    protected String realmPrefix() {
        return "abandoned";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP_ID, SECRET, "localhost");
        sim.addOfficialAccount(OFFICIAL_ACCOUNT, SECRET, "localhost");
        realm.addWeChat("wechat", APP_ID, SECRET, Map.of());
        realm.addWeChat("wechat-follow", APP_ID, SECRET, Map.of("officialAccountAppId", OFFICIAL_ACCOUNT,
                "officialAccountAppSecret", SECRET, "officialAccountToken", TOKEN, "kcTheme-followQr", "true"));
        realm.admin().put("/admin/realms/" + realm.name(), Map.of("accessCodeLifespanLogin", LOGIN_TIMEOUT_SECONDS)).orThrow();
        Browser browser = new Browser();
        followQrLeftOpen = FollowQr.open(browser, OidcLogin.of(keycloak, realm.name(), WeChatRealm.CLIENT_ID,
                WeChatRealm.CLIENT_REDIRECT_URI).open(browser), "wechat-follow");
        assertEquals("waiting", followQrLeftOpen.status());
        qrPageLeftOpen = realm.login("wechat");
        qrPageLeftOpen.qrConnectUrl();
        // A new person scans and leaves the review-profile page without finishing: a first sign-in abandoned.
        sim.addPerson("quitter", "半途而废", null);
        realm.login("wechat").scanAs("quitter");
        abandonedAt = System.nanoTime();
    }

    @Test
    void aQrPageScannedAfterTheLoginTimeoutGetsAClearPageAndNoCodeIsExchanged() throws InterruptedException {
        sim.addPerson("late", "迟到", null);
        waitUntilTheLoginTimeoutPassed();
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET);

        Page page = qrPageLeftOpen.scanExpectingError("late");

        watch.check("state handle expired (" + LOGIN_TIMEOUT_SECONDS + " s)", page,
                Expected.page(400, "This WeChat sign-in link has expired or was already used", "state_invalid"));
        assertEquals(0, sim.calls(SimEndpoint.ACCESS_TOKEN), "no code is exchanged");
    }

    /** Held off for the login timeout (two minutes at most), not for ever: the hold-off once lost its lifespan. */
    @Test
    void aFirstSignInAbandonedInOneBrowserHoldsThePersonOffOnlyUntilTheLoginTimeout() throws InterruptedException {
        waitUntilTheLoginTimeoutPassed();
        int users = realm.userCount();

        WeChatLogin otherBrowser = realm.login("wechat");
        Page page = otherBrowser.scanAs("quitter");

        assertTrue(page.document().getElementById("email") != null, "review profile, not held off: " + page);
        otherBrowser.exchangeForTokens(otherBrowser.completeProfile(page, "quitter@example.com", "Ban", "Tu"));
        assertEquals(users + 1, realm.userCount());
        System.out.println("OBSERVED | first sign-in abandoned in another browser a login timeout (60 s) ago"
                + " | review profile, signed up | users +1");
    }

    @Test
    void anOfficialAccountQrCodeLeftOpenPastTheLoginTimeoutSaysItExpiredAndSignsNobodyIn() throws InterruptedException {
        assertEquals(LOGIN_TIMEOUT_SECONDS, followQrLeftOpen.expiresIn(), "the page counts down the login timeout");
        waitUntilTheLoginTimeoutPassed();
        CleanFailure watch = CleanFailure.watch(keycloak, realm, SECRET, TOKEN);

        assertEquals("expired", followQrLeftOpen.status(), "what the page's script is told: it offers a new code");
        Page late = followQrLeftOpen.continueSignIn();

        watch.check("follow QR code's sign-in expired (" + LOGIN_TIMEOUT_SECONDS + " s)", late,
                Expected.page(400, "This WeChat sign-in link has expired or was already used", "state_invalid"));
        assertEquals(0, sim.calls(SimEndpoint.USER_INFO), "WeChat is asked about nobody");
    }

    private void waitUntilTheLoginTimeoutPassed() throws InterruptedException {
        Duration left = Duration.ofSeconds(LOGIN_TIMEOUT_SECONDS + 2).minus(Duration.ofNanos(System.nanoTime() - abandonedAt));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }
}

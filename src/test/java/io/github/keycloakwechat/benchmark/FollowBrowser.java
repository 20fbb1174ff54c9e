package io.github.keycloakwechat.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import io.github.keycloakwechat.it.support.Chromium;
import io.github.keycloakwechat.it.support.QrImageUrl;
import io.github.keycloakwechat.simulator.PushDelivery;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/**
 * One real browser (Debian's headless Chromium through {@link Chromium}) signing people in to the follow realm,
 * each sign-in from scratch (no cookies), and the clock for it: the push or WeChat's redirect is timed in this
 * thread, the browser's arrival at the client's redirect_uri by {@link ClientCallback}. Nothing polls WebDriver
 * while a sign-in is timed.
 */
final class FollowBrowser implements AutoCloseable {

    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(20);
    private static final String FRAME = "document.querySelector('iframe.kc-wechat-qr__frame--follow')";
    /** The QR image in the frame, once the browser has drawn it: what a person scans. */
    private static final String QR_IMAGE = """
            var frame = %s;
            var doc = frame && frame.contentDocument;
            var img = doc && doc.querySelector('img.wechat-follow__code');
            return img && img.complete && img.naturalWidth > 0 ? img.src : null;""".formatted(FRAME);

    /** What the follow flow gave: from the push's acknowledgement to the browser at the redirect_uri, and the push. */
    record FollowSignIn(double toRedirectMillis, double pushMillis) {
    }

    private final WebDriver driver;
    private final WeChatSimulator sim;
    private final FollowRealm realm;
    private final ClientCallback callback;
    private final Random random = new Random(42);
    private final HttpClient wechatsPhone = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    FollowBrowser(WeChatSimulator sim, FollowRealm realm, ClientCallback callback) {
        this.sim = sim;
        this.realm = realm;
        this.callback = callback;
        this.driver = Chromium.start(null, "en");
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    /**
     * Follow to sign in: the client's authorization request, the login page with the Official Account's QR code
     * in its frame, a scan after 0.5–1.5 s (so that the scan falls anywhere within the page's 1 s poll), the push
     * to Keycloak (timed until WeChat had its answer), then the page's own script takes the browser on.
     */
    FollowSignIn follow(String person) throws InterruptedException, TimeoutException {
        startOver();
        String state = UUID.randomUUID().toString();
        driver.get(realm.authorizationUrl(state, null));
        String image = (String) Chromium.waitFor(driver).until(d -> ((JavascriptExecutor) d).executeScript(QR_IMAGE));
        String ticket = QrImageUrl.ticket(image);
        Thread.sleep(500 + random.nextInt(1000));
        long pushed = System.nanoTime();
        PushDelivery push = sim.scanQrTicket(ticket, person);
        long acknowledged = System.nanoTime();
        if (push.status() != PushDelivery.Status.ACKNOWLEDGED) {
            throw new IllegalStateException("push not acknowledged: " + push.status() + " " + push.lastAttempt());
        }
        ClientCallback.Arrival arrival = arrival(state);
        return new FollowSignIn((arrival.nanos() - acknowledged) / 1e6, (acknowledged - pushed) / 1e6);
    }

    /**
     * The website QR flow of the same provider, for comparison: the browser goes to WeChat's QR page
     * ({@code kc_idp_hint}); the person's WeChat confirms (the simulator's redirect, fetched aside here); then the
     * browser is sent to that redirect, Keycloak's callback with the code. Timed from sending it there.
     */
    double website(String person) throws IOException, InterruptedException, TimeoutException {
        startOver();
        String state = UUID.randomUUID().toString();
        driver.get(realm.authorizationUrl(state, FollowRealm.ALIAS));
        String qrPage = driver.getCurrentUrl();
        if (!qrPage.startsWith(sim.baseUrl() + "/connect/qrconnect")) {
            throw new IllegalStateException("not at WeChat's QR page: " + qrPage);
        }
        HttpResponse<Void> confirmed = wechatsPhone.send(HttpRequest.newBuilder(URI.create(qrPage))
                .header("Cookie", WeChatSimulator.SIGNED_IN_COOKIE + "=" + person).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String toKeycloak = confirmed.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("WeChat did not redirect: HTTP " + confirmed.statusCode()));
        long redirected = System.nanoTime();
        ((JavascriptExecutor) driver).executeScript("window.location.href = arguments[0];", toKeycloak);
        return (arrival(state).nanos() - redirected) / 1e6;
    }

    /** Opens a login page, lets it wait for a scan for {@code seconds}, and counts its frame's status requests. */
    PollCount countPolls(int seconds) throws InterruptedException {
        startOver();
        driver.get(realm.authorizationUrl(UUID.randomUUID().toString(), null));
        Chromium.waitFor(driver).until(d -> ((JavascriptExecutor) d).executeScript(QR_IMAGE));
        String now = "return " + FRAME + ".contentWindow.performance.now();";
        double from = ((Number) script(now)).doubleValue();
        Thread.sleep(seconds * 1000L);
        double to = ((Number) script(now)).doubleValue();
        @SuppressWarnings("unchecked")
        List<Number> counted = (List<Number>) script("""
                var from = arguments[0], to = arguments[1];
                var entries = %s.contentWindow.performance.getEntriesByType('resource').filter(function (e) {
                  return e.name.indexOf('/follow/status') >= 0 && e.startTime >= from && e.startTime < to;
                });
                var sum = function (f) { return entries.reduce(function (s, e) { return s + f(e); }, 0); };
                var starts = entries.map(function (e) { return e.startTime; }).sort(function (a, b) { return a - b; });
                var span = starts.length > 1 ? starts[starts.length - 1] - starts[0] : 0;
                return [entries.length, sum(function (e) { return e.duration; }), sum(function (e) { return e.transferSize; }),
                        span];
                """.formatted(FRAME), from, to);
        int requests = counted.get(0).intValue();
        String state = (String) script("return " + FRAME + ".contentDocument.getElementById('wechat-qr').dataset.state;");
        if (!"waiting".equals(state)) {
            throw new IllegalStateException("the page stopped waiting: " + state);
        }
        return new PollCount(requests, (to - from) / 1000,
                requests > 1 ? counted.get(3).doubleValue() / (requests - 1) : Double.NaN,
                counted.get(1).doubleValue() / Math.max(1, requests), counted.get(2).doubleValue() / Math.max(1, requests));
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    private ClientCallback.Arrival arrival(String state) throws InterruptedException, TimeoutException {
        try {
            ClientCallback.Arrival arrival = callback.await(state, ARRIVAL_TIMEOUT);
            arrival.code();
            return arrival;
        } catch (TimeoutException e) {
            TimeoutException timeout = new TimeoutException("the browser did not reach the redirect_uri within "
                    + ARRIVAL_TIMEOUT.toSeconds() + " s; it shows " + driver.getCurrentUrl());
            timeout.initCause(e);
            throw timeout;
        }
    }

    /** A browser with no cookies (no SSO session at Keycloak) on an empty page, as if new. */
    private void startOver() {
        driver.get("about:blank");
        ((HasCdp) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Override
    public void close() {
        Chromium.quitAll(new ArrayList<>(List.of(driver)));
    }
}

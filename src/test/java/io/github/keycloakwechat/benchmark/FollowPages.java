package io.github.keycloakwechat.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.keycloakwechat.it.support.QrImageUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Login pages opened over HTTP by browsers that then wait (no script runs): a plain login page is one
 * authorization request (an authentication session at Keycloak); a follow page is that plus the QR frame the
 * "wechat" theme loads into it (a state handle, a scene, and Keycloak's {@code qrcode/create} call to WeChat). Each
 * page is its own browser: its own cookies, so its own authentication session.
 */
final class FollowPages {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern STATUS =
            Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";

    /** A follow page left waiting: its QR code's ticket, and where its script would ask whether it was scanned. */
    record Waiting(String ticket, String statusUrl) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Opens {@code count} plain login pages of the realm, {@code concurrency} at a time. */
    Timings openPlain(FollowRealm realm, int count, int concurrency) throws InterruptedException {
        return run(count, concurrency, i -> loginPage(realm));
    }

    /** Opens {@code count} login pages with their follow QR frame; the waiting pages are added to {@code opened}. */
    Timings openFollow(FollowRealm realm, int count, int concurrency, List<Waiting> opened) throws InterruptedException {
        List<Waiting> pages = Collections.synchronizedList(new ArrayList<>());
        Timings timings = run(count, concurrency, i -> pages.add(followPage(realm)));
        opened.addAll(pages);
        return timings;
    }

    private static Timings run(int count, int concurrency, ClosedLoop.Request page) throws InterruptedException {
        ClosedLoop.Outcome outcome = ClosedLoop.run(count, concurrency, () -> page);
        return new Timings(outcome.latenciesMillis(), outcome.errors(), outcome.firstError());
    }

    private LoginPage loginPage(FollowRealm realm) throws IOException, InterruptedException {
        HttpResponse<String> response = get(realm.authorizationUrl(UUID.randomUUID().toString(), null), null);
        Document page = Jsoup.parse(response.body(), response.uri().toString());
        if (response.statusCode() != 200 || page.getElementById("kc-form-login") == null) {
            throw new IllegalStateException("no login page: HTTP " + response.statusCode() + " "
                    + SignInClient.title(response.body()));
        }
        return new LoginPage(page, cookies(response));
    }

    private Waiting followPage(FollowRealm realm) throws IOException, InterruptedException {
        LoginPage login = loginPage(realm);
        Element button = login.page().getElementById("social-" + FollowRealm.ALIAS);
        if (button == null || login.page().selectFirst("[data-frame-param=wechat_follow_qr]") == null) {
            throw new IllegalStateException("the login page has no follow QR panel");
        }
        // What the theme's script loads into the panel's iframe.
        HttpResponse<String> response = get(button.absUrl("href") + "&wechat_follow_qr=1", login.cookies());
        Document frame = Jsoup.parse(response.body(), response.uri().toString());
        Element box = frame.getElementById("wechat-qr");
        Element image = frame.selectFirst("img.wechat-follow__code");
        if (response.statusCode() != 200 || box == null || image == null) {
            throw new IllegalStateException("no QR code in the frame: HTTP " + response.statusCode() + " "
                    + (box == null ? SignInClient.title(response.body()) : box.attr("data-state")));
        }
        return new Waiting(QrImageUrl.ticket(image.attr("src")), box.absUrl("data-status-url"));
    }

    /** What the page's script would learn now: waiting, scanned or expired. */
    String status(Waiting page) throws IOException, InterruptedException {
        HttpResponse<String> response = get(page.statusUrl(), null);
        Matcher status = STATUS.matcher(response.body());
        return response.statusCode() == 200 && status.find() ? status.group(1) : "HTTP " + response.statusCode();
    }

    private HttpResponse<String> get(String url, String cookies) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("User-Agent", USER_AGENT).header("Accept", "text/html").GET();
        if (cookies != null && !cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Keycloak's cookies of the login page, as the browser sends them back (all under the realm's path). */
    private static String cookies(HttpResponse<String> response) {
        List<String> pairs = new ArrayList<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0].trim();
            if (!pair.endsWith("=") && !header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                pairs.add(pair);
            }
        }
        return String.join("; ", pairs);
    }

    private record LoginPage(Document page, String cookies) {
    }
}

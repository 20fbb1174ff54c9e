package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;

import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.it.support.QrImageUrl;
import org.jsoup.nodes.Element;

/**
 * One login page's Official Account QR code (follow to sign in), as its frame shows it: the ticket WeChat issued,
 * where the page asks whether it was scanned, and where it then sends the browser.
 */
final class FollowQr {

    private final Browser browser;
    private final Page frame;

    private FollowQr(Browser browser, Page frame) {
        this.browser = browser;
        this.frame = frame;
    }

    /**
     * Opens the QR frame of the provider {@code alias} from a login page: the URL the "wechat" theme frames (the
     * provider's own login link with {@code wechat_follow_qr=1}).
     */
    static FollowQr open(Browser browser, Page login, String alias) {
        Element link = login.document().getElementById("social-" + alias);
        assertNotNull(link, "no button of " + alias + " on " + login);
        String url = URI.create(login.url()).resolve(link.attr("href")) + "&wechat_follow_qr=1";
        return new FollowQr(browser, browser.get(url));
    }

    Page frame() {
        return frame;
    }

    /** The box of the QR code; its {@code data-state} says what the page shows. */
    Element box() {
        Element box = frame.document().getElementById("wechat-qr");
        assertNotNull(box, frame.toString());
        return box;
    }

    Element image() {
        Element image = frame.document().selectFirst("img.wechat-follow__code");
        assertNotNull(image, frame.toString());
        return image;
    }

    /** The ticket WeChat issued for this page, read from the image URL as a phone would from the code. */
    String ticket() {
        return QrImageUrl.ticket(image().attr("src"));
    }

    String statusUrl() {
        return absolute(box().attr("data-status-url"));
    }

    String signInUrl() {
        return absolute(box().attr("data-sign-in-url"));
    }

    int expiresIn() {
        return Integer.parseInt(box().attr("data-expires-in"));
    }

    /** What the page's script learns when it asks: waiting, scanned or expired. */
    String status() {
        return browser.get(statusUrl()).json().path("status").asText();
    }

    /**
     * Asks as the page's script does, until the answer is {@code expected} or {@code within} has passed; returns the
     * last answer. The page asks once a second, so a second is what a change may take to be seen.
     */
    String awaitStatus(String expected, java.time.Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String status = status();
        while (!expected.equals(status) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            status = status();
        }
        return status;
    }

    /** What the page's script does once the code was scanned: the browser goes on to finish the sign-in. */
    Page continueSignIn() {
        return browser.get(signInUrl());
    }

    private String absolute(String url) {
        return URI.create(frame.url()).resolve(url).toString();
    }
}

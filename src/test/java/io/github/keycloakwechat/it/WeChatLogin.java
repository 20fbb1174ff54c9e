package io.github.keycloakwechat.it;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.FormElement;
import io.github.keycloakwechat.it.support.Browser;
import io.github.keycloakwechat.it.support.OidcLogin;
import io.github.keycloakwechat.it.support.Page;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * One person's sign-in attempt in one browser: the client sends them to Keycloak with
 * {@code kc_idp_hint}, Keycloak to WeChat (the simulator), WeChat back to Keycloak.
 */
final class WeChatLogin {

    private final Browser browser;
    private final OidcLogin oidc;
    private final WeChatSimulator sim;
    private Page atWeChat;

    WeChatLogin(Browser browser, OidcLogin oidc, WeChatSimulator sim) {
        this.browser = browser;
        this.oidc = oidc;
        this.sim = sim;
    }

    Browser browser() {
        return browser;
    }

    /** The client's authorization URL at Keycloak (with {@code kc_idp_hint}). */
    String oidcAuthorizationUrl() {
        return oidc.authorizationUrl();
    }

    /** Opens the client's login and returns the WeChat URL Keycloak redirects to (not followed yet). */
    String qrConnectUrl() {
        if (atWeChat == null) {
            browser.stopAt(sim.baseUrl());
            Page page = oidc.open(browser);
            if (!page.isRedirect() || !page.location().startsWith(sim.baseUrl())) {
                throw new AssertionError("Keycloak did not send the browser to WeChat: " + page);
            }
            atWeChat = page;
        }
        return atWeChat.location();
    }

    /** The person scans and confirms; returns the page Keycloak shows next (review profile for a new person). */
    Page scanAs(String personId) {
        qrConnectUrl();
        sim.nextScan(appIdAtWeChat(), personId);
        return followFromWeChat();
    }

    /** A linked person scans: Keycloak signs them in straight away; returns the client's code. */
    String scanAsReturning(String personId) {
        return oidc.code(scanAs(personId));
    }

    /** The person scans but the sign-in fails; returns the page Keycloak shows. */
    Page scanExpectingError(String personId) {
        return scanAs(personId);
    }

    /**
     * The person scans and confirms, and WeChat redirects the browser back to Keycloak: returns that callback
     * URL without requesting it, so a test can send it to another Keycloak node (or send it twice).
     */
    String scanAndHoldCallback(String personId) {
        String wechatUrl = qrConnectUrl();
        String redirectUri = queryParam(wechatUrl, "redirect_uri");
        sim.nextScan(appIdAtWeChat(), personId);
        Page redirect = browser.get(wechatUrl, uri -> uri.toString().startsWith(redirectUri));
        if (!redirect.isRedirect() || !redirect.location().startsWith(redirectUri + "?")) {
            throw new AssertionError("WeChat did not redirect back to " + redirectUri + ": " + redirect);
        }
        return redirect.location();
    }

    /** Opens WeChat's callback (e.g. one held back by {@link #scanAndHoldCallback}) and follows Keycloak's pages. */
    Page openCallback(String callbackUrl) {
        browser.clearStops();
        browser.stopAt(oidc.redirectUri());
        return browser.get(callbackUrl);
    }

    /** The person taps cancel on their phone: WeChat calls back with the state only. */
    Page decline() {
        qrConnectUrl();
        sim.nextScanDeclined(appIdAtWeChat());
        return followFromWeChat();
    }

    /** The AppID Keycloak sent the person to WeChat with: the website app's, or the Official Account's. */
    String appIdAtWeChat() {
        return queryParam(qrConnectUrl(), "appid");
    }

    /** Follows the browser through WeChat's pages (the simulator) and back to Keycloak. */
    private Page followFromWeChat() {
        browser.clearStops();
        browser.stopAt(oidc.redirectUri());
        return browser.follow(atWeChat);
    }

    /** WeChat's redirect to Keycloak's broker endpoint with the given code and state, in this browser. */
    Page callback(String code, String state) {
        URI wechat = URI.create(qrConnectUrl());
        String redirectUri = queryParam(wechat.toString(), "redirect_uri");
        return browser.get(redirectUri + "?code=" + code + "&state=" + state);
    }

    /** Fills Keycloak's review-profile form (default user profile) and returns the client's code. */
    String completeProfile(Page review, String email, String firstName, String lastName) {
        return oidc.code(submitProfile(review, email, firstName, lastName));
    }

    /** Fills Keycloak's review-profile form and returns what Keycloak answers. */
    Page submitProfile(Page review, String email, String firstName, String lastName) {
        if (review.document().getElementById("email") == null) {
            throw new AssertionError("Expected Keycloak's review profile page, got " + review.url() + "\n" + review.body());
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("email", email);
        fields.put("firstName", firstName);
        fields.put("lastName", lastName);
        return browser.submit((FormElement) review.document().getElementById("email").closest("form"), fields);
    }

    /**
     * Submits the review-profile form as Keycloak showed it, the prefilled values untouched, with only {@code typed}
     * filled in (what the person had to type, e.g. the e-mail); returns the client's code.
     */
    String completeProfileAsShown(Page review, Map<String, String> typed) {
        if (review.document().getElementById("firstName") == null) {
            throw new AssertionError("Expected Keycloak's review profile page, got " + review.url() + "\n" + review.body());
        }
        return oidc.code(browser.submit((FormElement) review.document().getElementById("firstName").closest("form"), typed));
    }

    JsonNode exchangeForTokens(String code) {
        return oidc.exchangeCode(code);
    }

    static String queryParam(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("No " + name + " in " + url);
    }
}

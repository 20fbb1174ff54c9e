package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakwechat.broker.WeChatCallbackEndpoint;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.Page;

/**
 * What a person and an admin notice after a WeChat sign-in that cannot go on, checked the same way for every
 * bad input: no error 500 and no stack trace on the page, a message that names WeChat, a Keycloak event with the
 * reason (and WeChat's errcode), no user created, nothing secret in the server log.
 *
 * <p>{@link #watch} before the attempt (it clears the realm's events and marks the log), {@link #check} after it.
 * Each check prints one {@code OBSERVED} line: the figures of docs/reliability.md come from these lines.
 */
final class CleanFailure {

    /** Any trace of a Java stack on a page a person sees. */
    private static final Pattern STACK_TRACE = Pattern.compile("Exception|Caused by|\\.java:\\d+\\)|\\bat (java|org|io|com)\\.");
    /** What Keycloak logs for an exception that became an error 500. */
    private static final String UNCAUGHT = "Uncaught server error";

    private final KeycloakRuntime keycloak;
    private final WeChatRealm realm;
    private final List<String> secrets;
    private final int usersBefore;
    private final int logOffset;

    private CleanFailure(KeycloakRuntime keycloak, WeChatRealm realm, List<String> secrets) {
        this.keycloak = keycloak;
        this.realm = realm;
        this.secrets = new ArrayList<>(secrets);
        realm.admin().clearEvents(realm.name());
        this.usersBefore = realm.userCount();
        this.logOffset = keycloak.serverLog().length();
    }

    /** Starts watching the realm; {@code secrets} (the AppSecret, the code…) must never reach the server log. */
    static CleanFailure watch(KeycloakRuntime keycloak, WeChatRealm realm, String... secrets) {
        return new CleanFailure(keycloak, realm, List.of(secrets));
    }

    /** One more value that must not reach the server log (e.g. the code WeChat handed out during the attempt). */
    CleanFailure keepSecret(String value) {
        secrets.add(value);
        return this;
    }

    /** What the failure must look like. A {@code null} errcode or endpoint means: the event carries none. */
    record Expected(int status, String message, String reason, Integer errcode, String endpoint) {

        static Expected page(int status, String message, String reason) {
            return new Expected(status, message, reason, null, null);
        }

        static Expected wechat(String message, String reason, Integer errcode, String endpoint) {
            return new Expected(200, message, reason, errcode, endpoint);
        }
    }

    /** Asserts what the person, the event log, the user list and the server log show; returns the event. */
    JsonNode check(String story, Page page, Expected expected) {
        String text = page.document().text();
        assertNotEquals(500, page.status(), story + ": " + page);
        assertEquals(expected.status(), page.status(), story + ": " + page);
        assertFalse(STACK_TRACE.matcher(text).find() || page.body().contains(".java:"), story + ": a stack trace is shown: " + page);
        assertTrue(text.contains(expected.message()), story + ": expected \"" + expected.message() + "\" on " + page);
        assertTrue(text.contains("WeChat") || text.contains("微信"), story + ": the message names WeChat: " + page);

        JsonNode event = eventWithReason(story, expected.reason());
        JsonNode details = event.path("details");
        assertEquals("identity_provider_login_failure", event.path("error").asText(), story + ": " + event);
        assertEquals(expected.errcode() == null ? "" : String.valueOf(expected.errcode()),
                details.path(WeChatCallbackEndpoint.DETAIL_ERRCODE).asText(), story + ": errcode detail of " + event);
        assertEquals(expected.endpoint() == null ? "" : expected.endpoint(),
                details.path(WeChatCallbackEndpoint.DETAIL_ENDPOINT).asText(), story + ": endpoint detail of " + event);

        int usersAfter = realm.userCount();
        assertEquals(usersBefore, usersAfter, story + ": no user is created");
        String log = checkLog(story);
        if (expected.errcode() != null) {
            assertTrue(log.contains(expected.endpoint() + " answered errcode " + expected.errcode()),
                    story + ": the server log names the errcode");
        }
        System.out.printf("OBSERVED | %s | HTTP %d | \"%s\" | %s | users +%d%n",
                story, page.status(), visibleMessage(page, expected.message()), eventSummary(event), usersAfter - usersBefore);
        return event;
    }

    /** For attempts that must be refused without our event (Keycloak's own HTTP limits): status, page and log only. */
    void checkRefusedByKeycloak(String story, Page page, int status) {
        assertEquals(status, page.status(), story + ": " + page);
        assertFalse(STACK_TRACE.matcher(page.body()).find(), story + ": a stack trace is shown: " + page);
        int usersAfter = realm.userCount();
        assertEquals(usersBefore, usersAfter, story + ": no user is created");
        checkLog(story);
        List<JsonNode> events = realm.events("IDENTITY_PROVIDER_LOGIN_ERROR");
        System.out.printf("OBSERVED | %s | HTTP %d | \"%s\" | %s | users +%d%n", story, page.status(),
                page.document().text().strip(), events.isEmpty() ? "no event" : eventSummary(events.get(0)),
                usersAfter - usersBefore);
    }

    /** For sign-ins that must succeed with odd data: nothing broke and nothing secret was logged. */
    void checkSignedIn(String story, int usersCreated) {
        assertEquals(usersBefore + usersCreated, realm.userCount(), story + ": users created");
        checkLog(story);
        assertTrue(realm.events("IDENTITY_PROVIDER_LOGIN_ERROR").isEmpty(), story + ": no failed sign-in recorded");
    }

    /** What the server logged since {@link #watch}. */
    String log() {
        String log = keycloak.serverLog();
        return log.length() >= logOffset ? log.substring(logOffset) : log;
    }

    /** The log lines written since {@link #watch}, checked for an error 500 and for secrets. */
    private String checkLog(String story) {
        String since = log();
        assertFalse(since.contains(UNCAUGHT), story + ": Keycloak logged an error 500:\n" + since);
        for (String secret : secrets) {
            assertFalse(secret != null && !secret.isEmpty() && since.contains(secret), story + ": a secret is in the server log");
        }
        return since;
    }

    private JsonNode eventWithReason(String story, String reason) {
        List<JsonNode> events = realm.events("IDENTITY_PROVIDER_LOGIN_ERROR");
        List<String> reasons = new ArrayList<>();
        for (JsonNode event : events) {
            String found = event.path("details").path("reason").asText();
            if (reason.equals(found)) {
                return event;
            }
            reasons.add(found.isEmpty() ? event.path("error").asText() : found);
        }
        throw new AssertionError(story + ": no IDENTITY_PROVIDER_LOGIN_ERROR event with reason=" + reason + "; got " + reasons);
    }

    static String eventSummary(JsonNode event) {
        StringBuilder out = new StringBuilder(event.path("type").asText()).append(" error=").append(event.path("error").asText());
        event.path("details").fields().forEachRemaining(detail -> {
            if (!"identity_provider".equals(detail.getKey()) && !"auth_method".equals(detail.getKey())) {
                out.append(' ').append(detail.getKey()).append('=').append(detail.getValue().asText());
            }
        });
        return out.toString();
    }

    /** The sentence on the page that contains the expected message (the whole alert, not just our fragment). */
    private static String visibleMessage(Page page, String fragment) {
        for (String sentence : page.document().select("#input-error, .pf-v5-c-alert__title, .kc-feedback-text, #kc-error-message, .instruction, p, span").eachText()) {
            if (sentence.contains(fragment)) {
                return sentence;
            }
        }
        return fragment;
    }
}

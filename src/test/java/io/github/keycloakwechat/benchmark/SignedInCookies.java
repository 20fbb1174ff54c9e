package io.github.keycloakwechat.benchmark;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.keycloakwechat.it.support.CookieJar;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * The cookies of one benchmark browser: a fresh jar for every sign-in (no Keycloak SSO session carries over, so
 * every sign-in goes to the upstream), plus the "signed in as" cookie on each upstream's host.
 */
final class SignedInCookies extends CookieHandler {

    private final Upstreams upstreams;
    private volatile CookieJar jar = new CookieJar();
    private volatile String personId;

    SignedInCookies(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    /** Forgets all cookies and signs the browser in at the upstreams as {@code personId}. */
    void startOver(String personId) {
        this.jar = new CookieJar();
        this.personId = personId;
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        Map<String, List<String>> headers = jar.get(uri, requestHeaders);
        if (personId == null || !upstreams.serves(uri)) {
            return headers;
        }
        List<String> cookies = new ArrayList<>(headers.getOrDefault("Cookie", List.of()));
        // The simulator's cookie name, which the GitHub stand-in shares.
        cookies.add(WeChatSimulator.SIGNED_IN_COOKIE + "=" + personId);
        Map<String, List<String>> withPerson = new HashMap<>(headers);
        withPerson.put("Cookie", List.of(String.join("; ", cookies)));
        return withPerson;
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        jar.put(uri, responseHeaders);
    }
}

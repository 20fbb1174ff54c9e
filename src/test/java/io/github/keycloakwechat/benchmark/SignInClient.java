package io.github.keycloakwechat.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.keycloakwechat.it.support.FormEncoding;

/**
 * One browser and the OIDC client it signs in to, at the HTTP level: the authorization request with PKCE and
 * {@code kc_idp_hint}, every redirect (Keycloak, the upstream, the broker callback) until the client's
 * redirect_uri, then the code-for-tokens exchange. A sign-in that stops on any page (an error, review profile)
 * fails. Not thread-safe: one per benchmark worker; connections are kept between sign-ins, cookies are not.
 */
public final class SignInClient {

    private static final int MAX_HOPS = 12;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";

    private final BenchRealm realm;
    private final SignedInCookies cookies;
    private final HttpClient http;
    private final SignInSteps steps;

    /** Where a sign-in ended: signed in (the token endpoint's answer), or the page it stopped on and its URL. */
    public record Outcome(String tokens, int status, String url, String page) {

        public boolean signedIn() {
            return tokens != null;
        }
    }

    /** A browser whose steps are not profiled (e.g. for the integration tests). */
    public SignInClient(BenchRealm realm) {
        this(realm, new SignInSteps());
    }

    SignInClient(BenchRealm realm, SignInSteps steps) {
        this.realm = realm;
        this.steps = steps;
        this.cookies = new SignedInCookies(realm.upstreams());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER) // followed here, to stop at the client's redirect_uri
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A complete sign-in through the identity provider as the person; throws with the reason on failure. */
    public void signIn(String idpAlias, String personId) throws IOException, InterruptedException {
        Outcome outcome = attempt(idpAlias, personId);
        if (!outcome.signedIn()) {
            throw new IllegalStateException("stopped at " + outcome.url() + ": HTTP " + outcome.status() + " "
                    + title(outcome.page()));
        }
    }

    /** A sign-in through the identity provider as the person: signed in, or the page where it stopped. */
    public Outcome attempt(String idpAlias, String personId) throws IOException, InterruptedException {
        cookies.startOver(personId);
        Pkce pkce = Pkce.s256();
        String state = UUID.randomUUID().toString();
        URI at = URI.create(authorizationUrl(idpAlias, state, pkce));
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(at).timeout(TIMEOUT)
                    .header("User-Agent", USER_AGENT).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            steps.add(step(hop, at), System.nanoTime() - t0);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Outcome(null, response.statusCode(), at.toString(), response.body());
            }
            URI next = URI.create(realm.keycloak().reachableFromBrowser(at.resolve(location).toString()));
            if (next.toString().startsWith(BenchRealm.REDIRECT_URI)) {
                long t0Token = System.nanoTime();
                String tokens = exchange(codeFrom(next, state), pkce);
                steps.add(SignInSteps.Step.TOKEN, System.nanoTime() - t0Token);
                steps.signInDone();
                return new Outcome(tokens, 200, next.toString(), null);
            }
            at = next;
        }
        throw new IllegalStateException("more than " + MAX_HOPS + " redirects, last " + at);
    }

    private SignInSteps.Step step(int hop, URI at) {
        if (hop == 0) {
            return SignInSteps.Step.AUTHORIZE;
        }
        if (realm.upstreams().serves(at)) {
            return SignInSteps.Step.UPSTREAM_PAGE;
        }
        return at.getPath().endsWith("/endpoint") ? SignInSteps.Step.CALLBACK : SignInSteps.Step.OTHER_KEYCLOAK;
    }

    private String authorizationUrl(String idpAlias, String state, Pkce pkce) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", BenchRealm.CLIENT_ID);
        params.put("redirect_uri", BenchRealm.REDIRECT_URI);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("state", state);
        params.put("nonce", UUID.randomUUID().toString());
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        params.put("kc_idp_hint", idpAlias);
        return realm.oidcUrl("auth") + "?" + FormEncoding.encode(params);
    }

    private static String codeFrom(URI callback, String state) {
        Map<String, String> params = FormEncoding.decodeQuery(callback.getRawQuery());
        if (params.containsKey("error") || !state.equals(params.get("state")) || params.get("code") == null) {
            throw new IllegalStateException("client callback without a code for our state: " + callback);
        }
        return params.get("code");
    }

    private String exchange(String code, Pkce pkce) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", BenchRealm.REDIRECT_URI);
        form.put("client_id", BenchRealm.CLIENT_ID);
        form.put("code_verifier", pkce.verifier());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realm.oidcUrl("token")))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"access_token\"")) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The page's title and Keycloak's message on it, for error reports. */
    public static String title(String html) {
        int start = html.indexOf("<title>");
        int end = html.indexOf("</title>");
        String title = start >= 0 && end > start ? html.substring(start + 7, end).trim() : "";
        int message = html.indexOf("kc-feedback-text");
        String feedback = message < 0 ? "" : html.substring(message, Math.min(html.length(), message + 200)).replaceAll("<[^>]*>", " ");
        return (title + " " + feedback).replaceAll("\\s+", " ").trim();
    }
}

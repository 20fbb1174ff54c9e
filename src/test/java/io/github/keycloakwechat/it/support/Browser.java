package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * A browser at the HTTP level: its own cookies (loopback counts as a secure context, as in browsers), a desktop
 * User-Agent, forms and links from the HTML, and redirects followed one by one so a test can stop before one
 * (e.g. to WeChat's authorize URL, or to the OIDC client's redirect_uri where nothing listens). No JavaScript runs.
 * Not thread-safe: one per simulated person.
 */
public final class Browser {

    public static final String DESKTOP_CHROME_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
            + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final int MAX_REDIRECTS = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CookieJar cookies = new CookieJar();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER) // followed here, to record and stop the chain
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Predicate<URI>> stops = new ArrayList<>();

    public Browser() {
        headers.put("User-Agent", DESKTOP_CHROME_USER_AGENT);
        headers.put("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        headers.put("Accept-Language", "en-US,en;q=0.9");
    }

    /** E.g. WeChat's in-app browser: {@code ... MicroMessenger/8.0.47 ...}. */
    public Browser userAgent(String userAgent) {
        return header("User-Agent", userAgent);
    }

    public String userAgent() {
        return headers.get("User-Agent");
    }

    /** A header sent with every request from now on (e.g. {@code Accept-Language}). */
    public Browser header(String name, String value) {
        headers.put(name, Objects.requireNonNull(value));
        return this;
    }

    /** From now on, do not follow a redirect to a URL starting with {@code urlPrefix}; return the 30x instead. */
    public Browser stopAt(String urlPrefix) {
        return stopWhen(uri -> uri.toString().startsWith(urlPrefix));
    }

    /** From now on, do not follow a redirect whose target matches; return the 30x instead. */
    public Browser stopWhen(Predicate<URI> redirectTarget) {
        stops.add(redirectTarget);
        return this;
    }

    public Browser clearStops() {
        stops.clear();
        return this;
    }

    // ---- navigation ----------------------------------------------------------------------------------------

    public Page get(String url) {
        return get(url, uri -> false);
    }

    /** Like {@link #get(String)}, also stopping before a redirect to a URL that {@code stopBefore} matches. */
    public Page get(String url, Predicate<URI> stopBefore) {
        return navigate("GET", toUri(url), null, stopBefore);
    }

    /** Posts form fields to {@code url}, as a form submission would, and follows redirects. */
    public Page post(String url, Map<String, String> fields) {
        return navigate("POST", toUri(url), FormEncoding.encode(fields), uri -> false);
    }

    /** Follows the redirect that a stop rule held back (that one hop regardless of stops, then as usual). */
    public Page follow(Page stoppedRedirect) {
        if (!stoppedRedirect.isRedirect()) {
            throw new IllegalArgumentException("Not a redirect: " + stoppedRedirect);
        }
        return navigate("GET", toUri(stoppedRedirect.location()), null, uri -> false);
    }

    /** Submits the page's first form with its current values, {@code overrides} replacing or adding fields. */
    public Page submit(Page page, Map<String, String> overrides) {
        List<FormElement> forms = page.document().select("form").forms();
        if (forms.isEmpty()) {
            throw new AssertionError("No form on " + page);
        }
        return submit(forms.get(0), overrides);
    }

    /** Submits the form with the given id; an override with a {@code null} value removes that field. */
    public Page submit(Page page, String formId, Map<String, String> overrides) {
        Element form = page.document().getElementById(formId);
        if (!(form instanceof FormElement formElement)) {
            throw new AssertionError("No form with id '" + formId + "' on " + page);
        }
        return submit(formElement, overrides);
    }

    /** Submits a form of a {@link Page#document()}. */
    public Page submit(FormElement form, Map<String, String> overrides) {
        return send(form, HtmlForms.fields(form), overrides, null);
    }

    /**
     * Presses a submit button: its form is submitted with the button's own {@code name=value}, as browsers do
     * (Keycloak reads e.g. {@code submitAction} from the button pressed).
     */
    public Page pressButton(Page page, String buttonId, Map<String, String> overrides) {
        Element button = page.document().getElementById(buttonId);
        if (button == null) {
            throw new AssertionError("No button with id '" + buttonId + "' on " + page);
        }
        FormElement form = HtmlForms.formOf(button);
        List<Map.Entry<String, String>> fields = HtmlForms.fields(form);
        if (!button.attr("name").isEmpty()) {
            fields.add(new SimpleEntry<>(button.attr("name"), button.attr("value")));
        }
        return send(form, fields, overrides, button.hasAttr("formaction") ? button.absUrl("formaction") : null);
    }

    /** Follows the link with this id, or else the first link whose text is exactly {@code idOrText}. */
    public Page clickLink(Page page, String idOrText) {
        Element byId = page.document().getElementById(idOrText);
        Element link = byId != null && byId.hasAttr("href") ? byId : page.document().select("a[href]").stream()
                .filter(a -> a.text().trim().equals(idOrText))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No link '" + idOrText + "' on " + page.url() + "; links: "
                        + page.document().select("a[href]").stream()
                                .map(a -> (a.id().isEmpty() ? "" : "#" + a.id() + " ") + a.text())
                                .collect(Collectors.joining(" | "))));
        return get(link.absUrl("href"));
    }

    // ---- cookies -------------------------------------------------------------------------------------------

    /** The cookies this browser would send to {@code url}. */
    public List<HttpCookie> cookies(String url) {
        return cookies.cookies(URI.create(url));
    }

    public void clearCookies() {
        cookies.clear();
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private Page send(FormElement form, List<Map.Entry<String, String>> fields, Map<String, String> overrides,
                      String actionOverride) {
        String body = FormEncoding.encode(HtmlForms.override(fields, overrides));
        String action = actionOverride != null ? actionOverride : HtmlForms.action(form);
        if ("get".equals(form.attr("method").toLowerCase(Locale.ROOT))) {
            URI target = toUri(action);
            String withoutQuery = target.toString().split("[?#]", 2)[0];
            return navigate("GET", toUri(body.isEmpty() ? withoutQuery : withoutQuery + "?" + body), null, uri -> false);
        }
        return navigate("POST", toUri(action), body, uri -> false);
    }

    private Page navigate(String method, URI uri, String formBody, Predicate<URI> stopBefore) {
        List<String> visited = new ArrayList<>();
        URI current = uri;
        String currentMethod = method;
        String currentBody = formBody;
        while (true) {
            visited.add(current.toString());
            HttpResponse<String> response = exchange(currentMethod, current, currentBody);
            String location = response.headers().firstValue("Location").orElse(null);
            if (!isRedirect(response.statusCode()) || location == null) {
                return page(response, current, visited);
            }
            URI next = resolve(current, location);
            if (stopBefore.test(next) || stops.stream().anyMatch(stop -> stop.test(next))) {
                return page(response, current, visited);
            }
            if (visited.size() > MAX_REDIRECTS) {
                throw new AssertionError("More than " + MAX_REDIRECTS + " redirects: " + visited);
            }
            // 307/308 repeat the request as it was; the others become a GET without body, as in browsers.
            if (response.statusCode() != 307 && response.statusCode() != 308) {
                currentMethod = "GET";
                currentBody = null;
            }
            current = next;
        }
    }

    private HttpResponse<String> exchange(String method, URI uri, String formBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(withoutFragment(uri)).timeout(TIMEOUT);
        headers.forEach(request::header);
        if (formBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + uri, e);
        }
    }

    private static Page page(HttpResponse<String> response, URI uri, List<String> visited) {
        return new Page(response.statusCode(), uri.toString(), response.body(), response.headers(), visited);
    }

    /** Browsers never send the fragment (e.g. WeChat's {@code #wechat_redirect}); it stays in the recorded URL. */
    private static URI withoutFragment(URI uri) {
        String url = uri.toString();
        int hash = url.indexOf('#');
        return hash < 0 ? uri : URI.create(url.substring(0, hash));
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** A Location header resolved against the URL that sent it (relative ones included). */
    static URI resolve(URI base, String location) {
        return base.resolve(toUri(location));
    }

    /** Tolerates what lenient servers put in URLs (spaces, non-ASCII) by percent-encoding it as browsers do. */
    static URI toUri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^'
                        || c == '`' || c == '{' || c == '|' || c == '}') {
                    encoded.append('%').append(String.format("%02X", c));
                } else {
                    encoded.append((char) c);
                }
            }
            return URI.create(encoded.toString());
        }
    }
}

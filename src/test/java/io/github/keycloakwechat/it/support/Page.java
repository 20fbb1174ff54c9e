package io.github.keycloakwechat.it.support;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Where a {@link Browser} navigation ended: the last response, after following redirects. When a stop rule held
 * back a redirect, this is that 30x response and {@link #location()} is where it pointed.
 */
public final class Page {

    private final int status;
    private final String url;
    private final String body;
    private final HttpHeaders headers;
    private final List<String> redirects;
    private Document document;

    Page(int status, String url, String body, HttpHeaders headers, List<String> redirects) {
        this.status = status;
        this.url = url;
        this.body = body;
        this.headers = headers;
        this.redirects = List.copyOf(redirects);
    }

    public int status() {
        return status;
    }

    /** The URL that gave this response. */
    public String url() {
        return url;
    }

    public String body() {
        return body;
    }

    /** The body as HTML, with {@link #url()} as base URI so {@code absUrl(...)} resolves links and actions. */
    public synchronized Document document() {
        if (document == null) {
            document = Jsoup.parse(body, url);
        }
        return document;
    }

    /** The body as JSON. */
    public JsonNode json() {
        return Json.parse(body);
    }

    /** Every URL requested in this navigation, in order: the first one asked for, each redirect, then {@link #url()}. */
    public List<String> redirects() {
        return redirects;
    }

    /** The first value of a response header, or {@code null}. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public List<String> headers(String name) {
        return headers.allValues(name);
    }

    public boolean isRedirect() {
        return Browser.isRedirect(status) && header("Location") != null;
    }

    /** The absolute target of this page's redirect (a redirect a stop rule held back), or {@code null}. */
    public String location() {
        String location = header("Location");
        return location == null ? null : Browser.resolve(URI.create(url), location).toString();
    }

    @Override
    public String toString() {
        String contentType = header("Content-Type");
        // For HTML the visible text says what went wrong (Keycloak's error pages); the head is noise.
        String content = contentType != null && contentType.contains("html") && document().body() != null
                ? document().body().text() : body;
        return status + " " + url + (isRedirect() ? " -> " + location() : "") + "\n" + Json.abbreviate(content);
    }
}

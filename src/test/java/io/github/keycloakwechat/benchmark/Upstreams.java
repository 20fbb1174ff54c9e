package io.github.keycloakwechat.benchmark;

import java.net.URI;
import java.time.Duration;

import io.github.keycloakwechat.benchmark.github.GitHubStandIn;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * The two upstreams a benchmark browser signs in through: the WeChat simulator and the GitHub stand-in, each its
 * own server on this machine, equally far away (one API latency for both). Every person has an account at both,
 * and every benchmark browser is signed in at both ({@link SignedInCookies}).
 */
public final class Upstreams implements AutoCloseable {

    private final WeChatSimulator wechat;
    private final GitHubStandIn github;

    private Upstreams(WeChatSimulator wechat, GitHubStandIn github) {
        this.wechat = wechat;
        this.github = github;
    }

    /** Both on free ports of 127.0.0.1; WeChat's QR page confirms at once for a signed-in browser, as GitHub's does. */
    public static Upstreams start() {
        WeChatSimulator wechat = WeChatSimulator.start(0);
        try {
            wechat.signedInBrowsers(true);
            return new Upstreams(wechat, GitHubStandIn.start());
        } catch (RuntimeException e) {
            wechat.close();
            throw e;
        }
    }

    public WeChatSimulator wechat() {
        return wechat;
    }

    public GitHubStandIn github() {
        return github;
    }

    /** A person with an account at both upstreams, under the same id and name. */
    void addPerson(String id, String name) {
        wechat.addPerson(id, name, null);
        github.addUser(id, name);
    }

    void apiLatency(Duration latency) {
        wechat.apiLatency(latency);
        github.apiLatency(latency);
    }

    /** Server-to-server calls to either upstream so far (the pages a browser opens are not API calls). */
    int apiCalls() {
        return github.apiCalls() + wechat.apiCalls();
    }

    /** Whether the URL is one of the upstreams' (a page there, where the browser is signed in). */
    boolean serves(URI uri) {
        String authority = uri.getRawAuthority();
        return authority != null && (authority.equals(URI.create(wechat.baseUrl()).getRawAuthority())
                || authority.equals(URI.create(github.baseUrl()).getRawAuthority()));
    }

    @Override
    public void close() {
        try {
            github.close();
        } finally {
            wechat.close();
        }
    }
}

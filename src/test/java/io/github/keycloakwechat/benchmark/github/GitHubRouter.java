package io.github.keycloakwechat.benchmark.github;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** Dispatches by exact path and method, counts each endpoint's calls, and makes the API calls wait the latency. */
final class GitHubRouter implements HttpHandler {

    private final GitHubApi api;
    private final Map<GitHubEndpoint, AtomicInteger> calls = new EnumMap<>(GitHubEndpoint.class);
    private volatile Duration apiLatency = Duration.ZERO;

    GitHubRouter(GitHubApi api) {
        this.api = api;
        for (GitHubEndpoint endpoint : GitHubEndpoint.values()) {
            calls.put(endpoint, new AtomicInteger());
        }
    }

    void apiLatency(Duration latency) {
        this.apiLatency = latency;
    }

    int calls(GitHubEndpoint endpoint) {
        return calls.get(endpoint).get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(GitHubRequest.from(exchange)).write(exchange);
        }
    }

    private GitHubReply answer(GitHubRequest request) {
        GitHubEndpoint endpoint = GitHubEndpoint.at(request.path());
        if (endpoint == null) {
            return GitHubReply.text(404, "not found: " + request.path());
        }
        if (!endpoint.method().equals(request.method())) {
            return GitHubReply.text(405, "method " + request.method() + " not allowed on " + request.path());
        }
        calls.get(endpoint).incrementAndGet();
        try {
            if (!endpoint.servesPage()) {
                // The network distance to GitHub's API servers, as the simulator's to WeChat's.
                Thread.sleep(apiLatency.toMillis());
            }
            return api.answer(endpoint, request);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return GitHubReply.text(503, "GitHub stand-in stopping");
        } catch (RuntimeException e) {
            return GitHubReply.text(500, "GitHub stand-in error: " + e);
        }
    }
}

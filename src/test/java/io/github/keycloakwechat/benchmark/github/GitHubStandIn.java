package io.github.keycloakwechat.benchmark.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * GitHub as far as Keycloak's built-in {@code github} provider sees it, on 127.0.0.1: the upstream the benchmark
 * compares our provider with. Point the provider's {@code baseUrl} and {@code apiUrl} at {@link #baseUrl()} (and
 * set {@code githubJsonFormat}). Built like the WeChat simulator's server (JDK HTTP server, a thread per request,
 * API latency on the server-to-server calls only) so that neither upstream answers faster than the other.
 */
public final class GitHubStandIn implements AutoCloseable {

    /** The cookie naming the user a browser is signed in to GitHub as: the simulator's, so one cookie serves both. */
    public static final String SIGNED_IN_COOKIE = WeChatSimulator.SIGNED_IN_COOKIE;

    static {
        // As in the simulator: without it the JDK server's separate header and body segments meet the client's
        // delayed ACK, ~40 ms per answer. Read when the JVM's first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final GitHubAccounts accounts = new GitHubAccounts();
    private final GitHubRouter router = new GitHubRouter(new GitHubApi(accounts));

    private GitHubStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "github-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", router);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts on a free port of 127.0.0.1. */
    public static GitHubStandIn start() {
        try {
            return new GitHubStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the GitHub stand-in", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An OAuth app. */
    public void addApp(String clientId, String clientSecret) {
        accounts.addApp(Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(clientSecret, "clientSecret"));
    }

    /** A user who has authorised every app: {@code login} is what {@link #SIGNED_IN_COOKIE} names. */
    public void addUser(String login, String name) {
        accounts.addUser(Objects.requireNonNull(login, "login"), Objects.requireNonNull(name, "name"));
    }

    /** The user's numeric GitHub id (what Keycloak links the user by). */
    public long userId(String login) {
        return requireUser(login).id();
    }

    /** The public e-mail address of the user's profile. */
    public String email(String login) {
        return requireUser(login).email();
    }

    /** Added to every server-to-server call (token, user, e-mails), not to the authorize page; default 0. */
    public GitHubStandIn apiLatency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be a non-negative duration");
        }
        router.apiLatency(latency);
        return this;
    }

    /** Requests the endpoint received so far. */
    public int calls(GitHubEndpoint endpoint) {
        return router.calls(endpoint);
    }

    /** Server-to-server calls received so far, over all API endpoints. */
    public int apiCalls() {
        int total = 0;
        for (GitHubEndpoint endpoint : GitHubEndpoint.values()) {
            total += endpoint.servesPage() ? 0 : router.calls(endpoint);
        }
        return total;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private GitHubAccounts.User requireUser(String login) {
        GitHubAccounts.User user = accounts.user(login);
        if (user == null) {
            throw new IllegalArgumentException("no GitHub user " + login);
        }
        return user;
    }
}

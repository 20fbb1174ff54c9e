package io.github.keycloakwechat.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.keycloakwechat.benchmark.PhaseResult.Path;
import io.github.keycloakwechat.it.support.KeycloakAdmin;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.it.support.TokenEndpoint;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * Token requests per second of the WeChat code grant for returning people (a mini program's {@code wx.login()} code
 * for Keycloak's tokens) against Keycloak's own {@code client_credentials} grant on the same realm: the cheapest
 * token Keycloak issues, our floor; and against {@code client_credentials} with a refresh token, for which Keycloak
 * keeps a user session as it does for every code-grant sign-in. They take turns block by block, like the broker
 * benchmark's providers.
 */
public final class GrantBenchmark {

    public static final String CODE_GRANT = "wechat-code-grant";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** client_credentials with a refresh token: Keycloak then keeps a user session, as every code-grant sign-in does. */
    public static final String CLIENT_CREDENTIALS_WITH_SESSION = "client_credentials+refresh_token";
    static final List<String> GRANTS = List.of(CODE_GRANT, CLIENT_CREDENTIALS, CLIENT_CREDENTIALS_WITH_SESSION);
    static final String GRANT_TYPE = "https://keycloakwechat.github.io/grant-type/wechat-code";
    private static final String MINI_PROGRAM = "wx5e6f7a8b9c0d1e2f";
    private static final String WEBSITE = "wx9a8b7c6d5e4f3a2b";
    private static final String SECRET = "bench-grant-secret-Pp4";
    private static final String MINI_CLIENT = "bench-mini-program";
    private static final String SERVICE_CLIENT = "bench-service";
    private static final String SESSION_SERVICE_CLIENT = "bench-service-sessions";

    private final WeChatSimulator wechat;
    private final BenchmarkSettings settings;
    private final TokenEndpoint tokens;
    private final KeycloakAdmin admin;
    private final String realm;
    private final int poolSize;

    public GrantBenchmark(KeycloakRuntime keycloak, Upstreams upstreams, BenchmarkSettings settings, String realm) {
        this.wechat = upstreams.wechat();
        this.settings = settings;
        this.tokens = new TokenEndpoint(keycloak.baseUrl(), realm);
        this.admin = keycloak.admin();
        this.realm = realm;
        this.poolSize = 2 * settings.maxConcurrency();
        admin.createRealm(realm);
        admin.createPublicClient(realm, MINI_CLIENT, "http://127.0.0.1:9/unused");
        createServiceClient(keycloak, realm, SERVICE_CLIENT, false);
        createServiceClient(keycloak, realm, SESSION_SERVICE_CLIENT, true);
        wechat.addWebsiteApp(WEBSITE, SECRET, "localhost");
        wechat.addMiniProgram(MINI_PROGRAM, SECRET);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("clientId", WEBSITE);
        config.put("clientSecret", SECRET);
        config.put("apiBaseUrl", keycloak.reachableFromServer(wechat.baseUrl()));
        config.put("miniProgramAppId", MINI_PROGRAM);
        config.put("miniProgramAppSecret", SECRET);
        config.put("codeGrantClients", MINI_CLIENT);
        admin.createIdentityProvider(realm, "wechat", "wechat", config);
    }

    /** Creates the returning people (their first code-grant sign-in) and warms both grants up. */
    public List<PhaseResult> warmUp() throws InterruptedException {
        wechat.apiLatency(Duration.ZERO);
        for (int i = 0; i < poolSize; i++) {
            wechat.addPerson(person(i), "Grant " + i, null);
        }
        List<PhaseResult> warmUp = new ArrayList<>();
        warmUp.add(run(CODE_GRANT, Path.NEW, poolSize, settings.maxConcurrency()));
        warmUp.add(run(CODE_GRANT, Path.RETURNING, settings.warmUp(), settings.maxConcurrency()));
        warmUp.add(run(CLIENT_CREDENTIALS, Path.RETURNING, settings.warmUp(), settings.maxConcurrency()));
        warmUp.add(run(CLIENT_CREDENTIALS_WITH_SESSION, Path.RETURNING, settings.warmUp(), settings.maxConcurrency()));
        return warmUp;
    }

    /** Per WeChat API latency: every concurrency, the two grants taking turns. */
    public Map<Long, List<PhaseResult>> measure(List<Duration> latencies) throws InterruptedException {
        Map<Long, List<PhaseResult>> results = new LinkedHashMap<>();
        for (Duration latency : latencies) {
            wechat.apiLatency(latency);
            List<PhaseResult> atLatency = new ArrayList<>();
            for (int concurrency : settings.concurrency()) {
                int total = settings.signInsAt(concurrency);
                int rounds = Math.max(1, Math.min(settings.rounds(), total / Math.max(1, concurrency)));
                List<String> grants = GRANTS;
                List<List<PhaseResult>> blocks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                for (int round = 0; round < rounds; round++) {
                    int count = total / rounds + (round < total % rounds ? 1 : 0);
                    for (int turn = 0; turn < grants.size(); turn++) {
                        int g = (turn + round) % grants.size();
                        blocks.get(g).add(run(grants.get(g), Path.RETURNING, count, concurrency));
                    }
                }
                blocks.forEach(b -> atLatency.add(PhaseResult.merge(b)));
            }
            results.put(latency.toMillis(), atLatency);
        }
        return results;
    }

    private PhaseResult run(String grant, Path path, int count, int concurrency) throws InterruptedException {
        if (settings.resetGrantSessions()) {
            // Every block starts from the same database: the sessions of earlier blocks would make Keycloak's own
            // work for a new session (a look-up of the client's session on H2) slower block after block.
            admin.post("/admin/realms/" + realm + "/logout-all", Map.of()).orThrow();
        }
        int callsBefore = wechat.apiCalls();
        ClosedLoop.Outcome outcome = ClosedLoop.run(count, concurrency, () -> i -> {
            TokenEndpoint.Answer answer = grant.equals(CODE_GRANT) ? codeGrant(person(i % poolSize))
                    : clientCredentials(grant.equals(CLIENT_CREDENTIALS) ? SERVICE_CLIENT : SESSION_SERVICE_CLIENT);
            answer.tokens();
        });
        int calls = wechat.apiCalls() - callsBefore;
        return new PhaseResult(grant, path, concurrency, count, outcome.seconds(), outcome.latenciesMillis(),
                outcome.errors(), outcome.firstError(), calls / (double) count, new SignInSteps());
    }

    private TokenEndpoint.Answer codeGrant(String person) {
        return tokens.post(Map.of("grant_type", GRANT_TYPE, "client_id", MINI_CLIENT, "appid", MINI_PROGRAM,
                "code", wechat.miniProgramLoginCode(MINI_PROGRAM, person)));
    }

    private TokenEndpoint.Answer clientCredentials(String clientId) {
        return tokens.post(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", SECRET));
    }

    private static String person(int i) {
        return "grant-" + i;
    }

    private static void createServiceClient(KeycloakRuntime keycloak, String realm, String clientId,
                                            boolean refreshTokens) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("attributes", Map.of("client_credentials.use_refresh_token", String.valueOf(refreshTokens)));
        client.put("publicClient", false);
        client.put("secret", SECRET);
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        keycloak.admin().post("/admin/realms/" + realm + "/clients", client).orThrow();
    }
}

package io.github.keycloakwechat.simulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An in-process WeChat server for tests and demos: the {@code open.weixin.qq.com} and
 * {@code api.weixin.qq.com} paths of website QR login, Official Account web authorisation, mini program login
 * and phone numbers, mobile app login and app access tokens, and the {@code mp.weixin.qq.com} QR image and message
 * pushes of an Official Account's scan-to-follow sign-in, built to {@code docs/wechat-protocol.md}. Point the
 * client's WeChat base URLs at {@link #baseUrl()}.
 *
 * <p>Thread-safe: the server answers concurrent requests while a test reconfigures it. JDK only.
 */
public final class WeChatSimulator implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8099;
    /** The Open Platform account apps are bound to unless told otherwise. */
    public static final String DEFAULT_ACCOUNT = "default";
    /** Seed of the derived openids/unionids; the same seed gives the same ids on every start. */
    public static final String DEFAULT_SEED = "keycloak-wechat";
    /** The cookie on the simulator's host naming the person a browser is signed in as (see {@link #signedInBrowsers}). */
    public static final String SIGNED_IN_COOKIE = SignedInBrowser.COOKIE;

    private static final Pattern PORT_SUFFIX = Pattern.compile(":\\d+$");

    static {
        // The JDK server flushes headers and body as separate TCP segments; with Nagle on, the client's delayed
        // ACK adds ~40 ms to every answer with a body. Read once per JVM, when the first HttpServer is created;
        // an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final SimContext ctx;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WeChatSimulator(String host, int port) throws IOException {
        this.host = host;
        this.ctx = new SimContext(DEFAULT_SEED);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 0);
        // A thread per request: fault delays must not hold up other calls.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wechat-sim-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", new Router(ctx, this));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. */
    public static WeChatSimulator start(int port) {
        return start(DEFAULT_HOST, port);
    }

    /** Starts on the given interface (null: 127.0.0.1); port 0 picks a free port. */
    public static WeChatSimulator start(String host, int port) {
        String bind = host == null || host.isBlank() ? DEFAULT_HOST : host;
        try {
            return new WeChatSimulator(bind, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the WeChat simulator on " + bind + ":" + port, e);
        }
    }

    /** {@code http://HOST:PORT}, no trailing slash. A wildcard bind address is reported as 127.0.0.1. */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? DEFAULT_HOST : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    // ---- apps and people -------------------------------------------------------------------------------------

    /**
     * A website app bound to the Open Platform account {@code "default"}. The callback domain is a bare host;
     * a port suffix is dropped because ports are ignored for website apps.
     */
    public SimApp addWebsiteApp(String appId, String secret, String callbackDomain) {
        String domain = bareHost(callbackDomain);
        return ctx.apps.add(new SimApp(AppKind.WEBSITE, appId, secret, PORT_SUFFIX.matcher(domain).replaceFirst(""), DEFAULT_ACCOUNT));
    }

    /** An Official Account bound to {@code "default"}. Its 网页授权域名 is a bare host without port. */
    public SimApp addOfficialAccount(String appId, String secret, String callbackDomain) {
        String domain = bareHost(callbackDomain);
        if (PORT_SUFFIX.matcher(domain).find()) {
            throw new IllegalArgumentException("an Official Account's web-authorisation domain has no port: " + callbackDomain);
        }
        return ctx.apps.add(new SimApp(AppKind.OFFICIAL_ACCOUNT, appId, secret, domain, DEFAULT_ACCOUNT));
    }

    /**
     * A mini program (小程序) bound to {@code "default"}: its codes come from {@link #miniProgramLoginCode} and
     * {@link #phoneCode}, as {@code wx.login()} and the {@code getPhoneNumber} button give them (§6, §6.1).
     */
    public SimApp addMiniProgram(String appId, String secret) {
        return ctx.apps.add(new SimApp(AppKind.MINI_PROGRAM, appId, secret, null, DEFAULT_ACCOUNT));
    }

    /** A mobile app (移动应用) bound to {@code "default"}: its codes come from {@link #mobileAppCode}, as the SDK's SendAuth gives them (§6.2). */
    public SimApp addMobileApp(String appId, String secret) {
        return ctx.apps.add(new SimApp(AppKind.MOBILE_APP, appId, secret, null, DEFAULT_ACCOUNT));
    }

    /** The command line's and control API's registration: the callback domain only for the kinds that have one. */
    SimApp addApp(AppKind kind, String appId, String secret, String callbackDomain) {
        if (!kind.hasCallbackDomain() && callbackDomain != null) {
            throw new IllegalArgumentException(kind.description() + " has no callback domain: it never redirects a browser");
        }
        switch (kind) {
            case WEBSITE: return addWebsiteApp(appId, secret, callbackDomain);
            case OFFICIAL_ACCOUNT: return addOfficialAccount(appId, secret, callbackDomain);
            case MINI_PROGRAM: return addMiniProgram(appId, secret);
            case MOBILE_APP: return addMobileApp(appId, secret);
            default: throw new IllegalArgumentException("unknown app kind " + kind);
        }
    }

    public SimApp app(String appId) {
        return ctx.apps.require(appId);
    }

    public List<SimApp> apps() {
        return ctx.apps.all();
    }

    /** Registers (or replaces) a person; a null avatar URL gets a derived qlogo-style one, "" means no avatar. */
    public SimPerson addPerson(String id, String nickname, String avatarUrl) {
        return ctx.people.add(id, nickname, avatarUrl);
    }

    public SimPerson person(String id) {
        return ctx.people.require(id);
    }

    /** Everyone, in registration order; includes people created by scanning with a new nickname. */
    public List<SimPerson> people() {
        return ctx.people.all();
    }

    /** The person's openid for the app (stable for a given seed). */
    public String openid(String personId, String appId) {
        ctx.people.require(personId);
        ctx.apps.require(appId);
        return ctx.ids.openid(appId, personId);
    }

    /** The person's unionid under the Open Platform account {@code "default"}. */
    public String unionid(String personId) {
        return unionid(personId, DEFAULT_ACCOUNT);
    }

    /** The person's unionid under the named Open Platform account. */
    public String unionid(String personId, String openPlatformAccount) {
        ctx.people.require(personId);
        return ctx.ids.unionid(Objects.requireNonNull(openPlatformAccount, "openPlatformAccount"), personId);
    }

    /** Changes the seed of derived ids (openids, unionids, default avatars). Call before handing ids out. */
    public WeChatSimulator seed(String seed) {
        ctx.ids.seed(seed);
        return this;
    }

    public String seed() {
        return ctx.ids.seed();
    }

    // ---- scripting ------------------------------------------------------------------------------------------

    /**
     * The next valid authorize request for the app completes at once as that person: {@code 302} to the
     * callback with a code, no page. Queued: several calls script several logins in order.
     */
    public void nextScan(String appId, String personId) {
        ctx.apps.require(appId);
        ctx.people.require(personId);
        ctx.scans.add(appId, new ScriptedScans.Scan(personId));
    }

    /**
     * The next valid authorize request for the app is declined (per {@link #cancelMode(CancelMode)}).
     * A silent {@code snsapi_base} request cannot be declined and leaves it queued.
     */
    public void nextScanDeclined(String appId) {
        ctx.apps.require(appId);
        ctx.scans.add(appId, new ScriptedScans.Scan(null));
    }

    // ---- codes from WeChat's client (mini programs, mobile apps) --------------------------------------------------

    /**
     * What {@code wx.login()} gives the mini program when this person opens it: a {@code js_code} for
     * {@code /sns/jscode2session}, valid 5 minutes, single use, only for that mini program (§6).
     */
    public String miniProgramLoginCode(String appId, String personId) {
        return ctx.clientCodes.miniProgramLogin(appId, personId);
    }

    /**
     * What the WeChat SDK's {@code SendAuth} gives the mobile app once the person agrees (scope
     * {@code snsapi_userinfo}): a code for {@code /sns/oauth2/access_token} with the app's AppID and secret,
     * valid 10 minutes, single use (§6.2).
     */
    public String mobileAppCode(String appId, String personId) {
        return ctx.clientCodes.mobileApp(appId, personId);
    }

    /**
     * What the mini program's {@code getPhoneNumber} button gives once the person agrees: a code for
     * {@code /wxa/business/getuserphonenumber}, valid 5 minutes, single use, only for that mini program (§6.1).
     *
     * @throws IllegalStateException if the person has no {@link SimPerson#phone phone number}
     */
    public String phoneCode(String appId, String personId) {
        return ctx.clientCodes.phone(appId, personId);
    }

    /**
     * WeChat invalidating the app's access tokens early (§7.1): every token {@code /cgi-bin/stable_token} and
     * {@code /cgi-bin/token} gave the app is refused from now on (40001), and the next call issues a new one.
     */
    public void invalidateAppAccessTokens(String appId) {
        ctx.apps.require(appId);
        ctx.appTokens.invalidate(appId);
    }

    // ---- Official Accounts: follow to sign in (§7.2–§7.4) ------------------------------------------------------

    /**
     * The Official Account's message server (服务器配置): pushes go to {@code url} signed with {@code token} (3 to 32
     * letters and digits); in {@link PushMode#COMPATIBLE} and {@link PushMode#SAFE} mode they are encrypted with
     * {@code encodingAesKey} (43 characters; null in plain mode). Kept by {@link #reset()}, like the app.
     */
    public WeChatSimulator configureMessageServer(String appId, String url, String token, String encodingAesKey, PushMode mode) {
        ctx.messageServers.configure(officialAccount(appId).appId(), url, token, encodingAesKey, mode);
        return this;
    }

    /** The Official Account's original id, {@code gh_} and 12 hex digits: the {@code ToUserName} of its pushes. */
    public String originalId(String appId) {
        return ctx.ids.originalId(officialAccount(appId).appId());
    }

    /** The person follows the Official Account from now on (not through a QR code); no push is sent. */
    public void follow(String appId, String personId) {
        ctx.people.require(personId);
        ctx.followers.follow(officialAccount(appId).appId(), personId,
                new Followers.Follow(ctx.clock.millis() / 1000, Followers.OTHER_SCENE, null, false));
    }

    /** The person no longer follows the Official Account; no push is sent. */
    public void unfollow(String appId, String personId) {
        ctx.people.require(personId);
        ctx.followers.unfollow(officialAccount(appId).appId(), personId);
    }

    public boolean follows(String appId, String personId) {
        ctx.people.require(personId);
        return ctx.followers.get(officialAccount(appId).appId(), personId) != null;
    }

    /**
     * The person scans the QR code of this ticket with WeChat (§7.3): someone new follows the account and its message
     * server is pushed {@code subscribe} ({@code EventKey} {@code qrscene_} + scene), a follower gets {@code SCAN}.
     * Returns once the push is delivered or its three tries are used up (see {@link #pushTimeout}).
     *
     * @throws IllegalStateException if the ticket is unknown or expired (nothing is pushed)
     */
    public PushDelivery scanQrTicket(String ticket, String personId) {
        return ctx.ticketScans.scan(ticket, personId);
    }

    /** Every push since start or {@link #reset()}, oldest first. */
    public List<PushDelivery> pushes() {
        return ctx.ticketScans.deliveries();
    }

    /** How long a message server has to answer a push before WeChat tries again; default 5 s (§7.3). */
    public WeChatSimulator pushTimeout(Duration timeout) {
        Duration checked = nonNegative(timeout);
        if (checked.isZero()) {
            throw new IllegalArgumentException("the push timeout must be positive");
        }
        return configure(s -> s.pushTimeout = checked);
    }

    private SimApp officialAccount(String appId) {
        SimApp app = ctx.apps.require(appId);
        if (app.kind() != AppKind.OFFICIAL_ACCOUNT) {
            throw new IllegalArgumentException(appId + " is " + app.kind().description() + ", not an Official Account");
        }
        return app;
    }

    public Faults faults() {
        return ctx.faults;
    }

    /** Requests received by the endpoint since start or {@link #reset()}, faulted ones included. */
    public int calls(SimEndpoint endpoint) {
        return ctx.counters.get(endpoint);
    }

    /** Server-to-server calls received since start or {@link #reset()}: every endpoint but the browser's pages. */
    public int apiCalls() {
        int total = 0;
        for (SimEndpoint endpoint : SimEndpoint.values()) {
            if (!endpoint.servesPages()) {
                total += calls(endpoint);
            }
        }
        return total;
    }

    // ---- switches (kept by reset(), restored by restoreDefaults()) ---------------------------------------------

    /**
     * The Content-Type header of the JSON API answers; null restores WeChat's {@code text/plain} (no charset).
     * Try {@code "application/json; encoding=utf-8"} and {@code "application/json; charset=utf-8"}; "" sends none.
     */
    public void contentType(String contentTypeHeader) {
        ctx.settings.apiContentType = contentTypeHeader == null ? SimSettings.DEFAULT_API_CONTENT_TYPE : contentTypeHeader;
    }

    public String contentType() {
        return ctx.settings.apiContentType;
    }

    /**
     * Off (default): a state over 128 bytes or outside [A-Za-z0-9] gets an error page on the QR page, and a
     * non-alphanumeric one on the OA page. On: both accepted (the OA page still enforces 128 bytes).
     */
    public WeChatSimulator lenientState(boolean lenient) {
        return configure(s -> s.lenientState = lenient);
    }

    /** What declining does; default {@link CancelMode#REDIRECT}. */
    public WeChatSimulator cancelMode(CancelMode mode) {
        return configure(s -> s.cancelMode = Objects.requireNonNull(mode, "mode"));
    }

    /** On (default): the OA authorize page rejects parameters not starting appid, redirect_uri, response_type, scope, state. */
    public WeChatSimulator enforceParamOrder(boolean enforce) {
        return configure(s -> s.enforceParamOrder = enforce);
    }

    /**
     * On: OA {@code snsapi_userinfo} logins run as snapshot-page users: no consent page, the token response
     * carries {@code is_snapshotuser:1} and throwaway openid/unionid, userinfo answers 48001.
     */
    public WeChatSimulator snapshotMode(boolean snapshot) {
        return configure(s -> s.snapshotMode = snapshot);
    }

    /** Off (default, like WeChat): an OA redirect_uri with a port gets the 10003 page. On: ports tolerated. */
    public WeChatSimulator allowPortInOaRedirect(boolean allow) {
        return configure(s -> s.allowPortInOaRedirect = allow);
    }

    /** Whether and when the simulator replays each code callback itself (duplicate-callback reports, §4.3). */
    public WeChatSimulator duplicateCallback(DuplicateCallback mode) {
        return configure(s -> s.duplicateCallback = Objects.requireNonNull(mode, "mode"));
    }

    /** Delay of {@link DuplicateCallback#AFTER} replays; default 200 ms. */
    public WeChatSimulator duplicateCallbackDelay(Duration delay) {
        return configure(s -> s.duplicateCallbackDelay = nonNegative(delay));
    }

    /**
     * Lifetime of the login codes of every app kind (defaults: 10 minutes website and mobile app, 5 minutes
     * Official Account and mini program). Phone codes have their own, {@link #phoneCodeTtl}.
     */
    public WeChatSimulator codeTtl(Duration ttl) {
        nonNegative(ttl);
        return configure(s -> {
            for (AppKind kind : AppKind.values()) {
                s.codeTtl(kind, ttl);
            }
        });
    }

    public WeChatSimulator codeTtl(AppKind kind, Duration ttl) {
        Objects.requireNonNull(kind, "kind");
        return configure(s -> s.codeTtl(kind, nonNegative(ttl)));
    }

    /** Lifetime of the mini programs' phone codes; default 5 minutes. */
    public WeChatSimulator phoneCodeTtl(Duration ttl) {
        return configure(s -> s.phoneCodeTtl = nonNegative(ttl));
    }

    /** Lifetime of user access tokens, reported as {@code expires_in}; default 7200 s. */
    public WeChatSimulator accessTokenTtl(Duration ttl) {
        return configure(s -> s.accessTokenTtl = nonNegative(ttl));
    }

    /** Lifetime of refresh tokens; default 30 days. */
    public WeChatSimulator refreshTokenTtl(Duration ttl) {
        return configure(s -> s.refreshTokenTtl = nonNegative(ttl));
    }

    /**
     * Latency added to every server-to-server API call ({@code /sns/*}, {@code /cgi-bin/*}, {@code /wxa/*}), to model the network distance to WeChat;
     * default 0. Browser-facing pages are not delayed.
     */
    public WeChatSimulator apiLatency(Duration latency) {
        return configure(s -> s.apiLatency = nonNegative(latency));
    }

    /**
     * On: a website app's QR page completes at once as the person named by the browser's {@link #SIGNED_IN_COOKIE}
     * cookie (a person who scanned and confirmed immediately), so many people can sign in concurrently without
     * {@link #nextScan scripted scans}. Off (default): the cookie is ignored and the QR page is shown.
     */
    public WeChatSimulator signedInBrowsers(boolean on) {
        return configure(s -> s.signedInBrowsers = on);
    }

    /**
     * Off (default, as the reference's example): {@code getuserphonenumber} answers {@code "countryCode":"86"}, a
     * string. On: {@code "countryCode":86}, a number, as some SDKs model it (§6.1); a client should take both.
     */
    public WeChatSimulator phoneCountryCodeAsNumber(boolean asNumber) {
        return configure(s -> s.phoneCountryCodeAsNumber = asNumber);
    }

    /** Moves the simulator's clock forward (codes, tokens and pending logins expire without waiting). */
    public WeChatSimulator advanceClock(Duration d) {
        ctx.clock.advance(d);
        return this;
    }

    // ---- callbacks ------------------------------------------------------------------------------------------

    /** The last callback URL the simulator redirected a browser to (code or decline), or null. */
    public String lastCallbackUrl() {
        return ctx.replayer.lastCallbackUrl();
    }

    /** Sends the last callback URL again from the simulator (GET, no cookies, redirects not followed). */
    public CallbackReplay replayLastCallback() {
        String url = lastCallbackUrl();
        if (url == null) {
            throw new IllegalStateException("no callback has been issued yet");
        }
        return ctx.replayer.replayNow(url);
    }

    /** Every server-side replay so far (manual and {@link #duplicateCallback automatic}), oldest first. */
    public List<CallbackReplay> callbackReplays() {
        return ctx.replayer.replays();
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------

    /**
     * Forgets the run state: scripted scans, faults, counters, codes, tokens (user and app), pending logins, consent grants,
     * recorded callbacks and replays, QR tickets, followers, pushes, and the clock offset. Apps, people, message servers,
     * the seed and the switches stay.
     */
    public void reset() {
        ctx.reset();
    }

    /**
     * Puts every switch back to WeChat's behaviour: Content-Type {@code text/plain}, strict state, cancel by
     * redirect, parameter order enforced, no snapshot mode, no port in OA redirects, no duplicate callbacks,
     * code lifetimes 10 minutes (website, mobile app) and 5 minutes (Official Account, mini program, phone),
     * access token 7200 s, refresh token 30 days, no API latency, no signed-in browsers, phone country code as a string,
     * push timeout 5 s.
     */
    public void restoreDefaults() {
        ctx.settings.restoreDefaults();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
            ctx.replayer.close();
            ctx.ticketScans.close();
        }
    }

    /** Changes a switch; the setters above return the simulator for chaining. */
    private WeChatSimulator configure(Consumer<SimSettings> change) {
        change.accept(ctx.settings);
        return this;
    }

    private static String bareHost(String domain) {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("callbackDomain must not be blank");
        }
        if (domain.contains("/")) {
            throw new IllegalArgumentException("callbackDomain is a bare host (no scheme, no path): " + domain);
        }
        return domain.trim();
    }

    private static Duration nonNegative(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("duration must be non-negative");
        }
        return d;
    }
}

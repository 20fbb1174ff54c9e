package io.github.keycloakwechat.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Dispatches by exact path. The {@code open.weixin.qq.com} and {@code api.weixin.qq.com} paths do not collide,
 * so one server plays both hosts. Endpoints are counted, pass through the fault plan, and API calls wait the
 * configured latency.
 */
final class Router implements HttpHandler {

    private record Route(Set<String> methods, SimEndpoint endpoint, Function<Request, Reply> handler) {
    }

    private final Map<String, Route> routes = new HashMap<>();
    private final SimContext ctx;

    Router(SimContext ctx, WeChatSimulator sim) {
        this.ctx = ctx;
        QrConnectHandler qr = new QrConnectHandler(ctx);
        OaAuthorizeHandler oa = new OaAuthorizeHandler(ctx);
        SnsApi sns = new SnsApi(ctx);
        add(SimEndpoint.QRCONNECT, qr::authorize, "GET");
        add(QrPage.CONFIRM_PATH, null, qr::confirm, "POST");
        add(WxLoginScript.PATH, null, WxLoginScript::serve, "GET");
        add(SimEndpoint.OA_AUTHORIZE, oa::authorize, "GET");
        add(ConsentPage.CONFIRM_PATH, null, oa::confirm, "POST");
        // WeChat documents GET with a query for every /sns call (§0, §12): the code exchange alone is also known
        // to take a form POST, from clients that send one; the other calls answer GET only.
        add(SimEndpoint.ACCESS_TOKEN, sns::accessToken, "GET", "POST");
        add(SimEndpoint.REFRESH_TOKEN, sns::refreshToken, "GET");
        add(SimEndpoint.USERINFO, sns::userinfo, "GET");
        add(SimEndpoint.AUTH, sns::auth, "GET");
        MiniProgramApi mini = new MiniProgramApi(ctx);
        add(SimEndpoint.JSCODE2SESSION, mini::jscode2session, "GET");
        add(SimEndpoint.GET_USER_PHONE_NUMBER, mini::phoneNumber, "POST", "GET");
        AppTokenApi appTokens = new AppTokenApi(ctx);
        // POST JSON only (§6.1, §7.1, §7.2); a GET is answered by the endpoint itself, with WeChat's errcode.
        add(SimEndpoint.STABLE_TOKEN, appTokens::stableToken, "POST", "GET");
        add(SimEndpoint.CGI_TOKEN, appTokens::token, "GET");
        QrCodeApi qrCodes = new QrCodeApi(ctx);
        add(SimEndpoint.QRCODE_CREATE, AppTokenGate.calledBy(ctx, AppKind.OFFICIAL_ACCOUNT, true, qrCodes::create), "POST", "GET");
        add(SimEndpoint.SHOW_QRCODE, qrCodes::show, "GET");
        add(SimEndpoint.USER_INFO, AppTokenGate.calledBy(ctx, AppKind.OFFICIAL_ACCOUNT, false, new SubscriberApi(ctx)::userInfo), "GET");
        add("/", null, r -> Reply.html(200, IndexPage.render(ctx)), "GET");
        new ControlApi(ctx, sim).register(this);
    }

    void add(String path, SimEndpoint endpoint, Function<Request, Reply> handler, String... methods) {
        routes.put(path, new Route(Set.of(methods), endpoint, handler));
    }

    private void add(SimEndpoint endpoint, Function<Request, Reply> handler, String... methods) {
        add(endpoint.path(), endpoint, handler, methods);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Reply reply;
            try {
                reply = dispatch(Request.from(exchange));
            } catch (RuntimeException e) {
                // The path only: the query of a code exchange carries the AppSecret.
                System.err.println("WeChat simulator: error serving " + exchange.getRequestURI().getPath() + ": " + e);
                reply = Reply.text(500, "WeChat simulator error: " + e);
            }
            write(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private Reply dispatch(Request request) {
        Route route = routes.get(request.path);
        if (route == null) {
            return Reply.html(404, ErrorPages.notFound(request.path));
        }
        if (!route.methods().contains(request.method)) {
            return Reply.text(405, "method " + request.method + " not allowed on " + request.path + "; use " + route.methods());
        }
        if (route.endpoint() == null) {
            return route.handler().apply(request);
        }
        ctx.counters.increment(route.endpoint());
        if (!route.endpoint().servesPages()) {
            // The network distance to the upstream's API, the same for every server-to-server call.
            ApiLatency.pause(ctx.settings.apiLatency);
        }
        Fault fault = ctx.faults.next(route.endpoint());
        return FaultEffects.apply(fault, route.endpoint(), () -> route.handler().apply(request));
    }

    private void write(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.bodyBytes();
        String contentType = reply.contentType != null ? reply.contentType : ctx.settings.apiContentType;
        if (!contentType.isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (reply.location != null) {
            exchange.getResponseHeaders().set("Location", reply.location);
        }
        exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

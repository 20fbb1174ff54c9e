package io.github.keycloakwechat.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.client.utils.URIBuilder;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * The WeChat server API, and the only place that knows its quirks: errors arrive as HTTP 200 with
 * {@code errcode}, bodies are UTF-8 whatever the Content-Type says ({@code text/plain} without charset
 * is common), and a field may be missing or of another type than documented.
 *
 * <p>It sends through the HTTP client it is given: in Keycloak that is the HttpClientProvider's, so
 * Keycloak's connection pool, proxy and truststore settings apply.
 */
public class WeChatApiClient {

    /** WeChat's answers are a few hundred bytes; anything near this is not WeChat. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** A region or language name is a few characters; a longer one is not kept. */
    private static final int MAX_DETAIL_LENGTH = 255;
    /**
     * What an openid or unionid looks like: 28 characters of {@code [A-Za-z0-9_-]} today, with room to grow. They
     * become usernames and link ids (255 characters at most in Keycloak's database), so anything else is refused.
     */
    private static final Pattern WECHAT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A QR ticket: Base64-like text, with the 512 characters WeChat asks to reserve for its tokens. */
    private static final Pattern TICKET = Pattern.compile("[\\x21-\\x7e]{1,512}");

    private final CloseableHttpClient http;
    private final ObjectMapper json;
    private final String apiBaseUrl;
    private final RequestConfig requestConfig;
    private final long timeoutNanos;

    public WeChatApiClient(CloseableHttpClient http, ObjectMapper json, String apiBaseUrl, Duration timeout) {
        this.http = http;
        this.json = json;
        this.apiBaseUrl = stripTrailingSlash(apiBaseUrl);
        int millis = (int) timeout.toMillis();
        this.timeoutNanos = timeout.toNanos();
        // One bound for every phase, so a hung WeChat cannot hold a Keycloak worker for long.
        this.requestConfig = RequestConfig.custom()
                .setConnectTimeout(millis)
                .setSocketTimeout(millis)
                .setConnectionRequestTimeout(millis)
                // WeChat's API never redirects: a redirect comes from something in between, and is not followed.
                .setRedirectsEnabled(false)
                .build();
    }

    /**
     * Exchanges an authorization code: a GET with the parameters in the query, as WeChat documents it (protocol
     * §2.1) and every widely used SDK sends it. The URL so carries the AppSecret: nothing of ours logs it.
     */
    public WeChatAccessToken exchangeCode(String appId, String secret, String code) throws WeChatApiException {
        HttpGet get = new HttpGet(uri(WeChatEndpoint.ACCESS_TOKEN,
                "appid", appId, "secret", secret, "code", code, "grant_type", "authorization_code"));
        Answer answer = call(WeChatEndpoint.ACCESS_TOKEN, get, new Redaction(secret, code));
        return accessToken(WeChatEndpoint.ACCESS_TOKEN, answer);
    }

    /** The person's profile; needs a token of scope {@code snsapi_login} or {@code snsapi_userinfo}. */
    public WeChatUserInfo userInfo(String accessToken, String openid) throws WeChatApiException {
        HttpGet get = new HttpGet(uri(WeChatEndpoint.USERINFO, "access_token", accessToken, "openid", openid));
        Answer answer = call(WeChatEndpoint.USERINFO, get, new Redaction(accessToken));
        JsonNode body = answer.body;
        return new WeChatUserInfo(
                requiredId(WeChatEndpoint.USERINFO, body, "openid"),
                optionalId(WeChatEndpoint.USERINFO, body, "unionid"),
                optionalText(WeChatEndpoint.USERINFO, body, "nickname"),
                optionalText(WeChatEndpoint.USERINFO, body, "headimgurl"),
                details(body));
    }

    /**
     * Exchanges a mini program's {@code wx.login()} code (protocol §6). The {@code session_key} in WeChat's answer is
     * read past and forgotten here: it never reaches a caller, a log or a store.
     */
    public WeChatMiniProgramSession miniProgramSession(String appId, String secret, String jsCode)
            throws WeChatApiException {
        HttpGet get = new HttpGet(uri(WeChatEndpoint.JSCODE2SESSION,
                "appid", appId, "secret", secret, "js_code", jsCode, "grant_type", "authorization_code"));
        JsonNode body = call(WeChatEndpoint.JSCODE2SESSION, get, new Redaction(secret, jsCode)).body;
        return new WeChatMiniProgramSession(requiredId(WeChatEndpoint.JSCODE2SESSION, body, "openid"),
                optionalId(WeChatEndpoint.JSCODE2SESSION, body, "unionid"));
    }

    /**
     * An app access token (protocol §7.1): POST JSON only. In normal mode WeChat answers every caller with the same
     * token while it is valid; {@code forceRefresh} makes it issue a new one (a few times a day at most).
     */
    public WeChatAppAccessToken stableToken(String appId, String secret, boolean forceRefresh) throws WeChatApiException {
        ObjectNode request = json.createObjectNode()
                .put("grant_type", "client_credential")
                .put("appid", appId)
                .put("secret", secret)
                .put("force_refresh", forceRefresh);
        HttpPost post = jsonPost(uri(WeChatEndpoint.STABLE_TOKEN), request);
        JsonNode body = call(WeChatEndpoint.STABLE_TOKEN, post, new Redaction(secret)).body;
        long expiresIn = positive(WeChatEndpoint.STABLE_TOKEN, body, "expires_in");
        return new WeChatAppAccessToken(requiredText(WeChatEndpoint.STABLE_TOKEN, body, "access_token"), expiresIn);
    }

    /**
     * A temporary QR code of the Official Account whose app access token this is, carrying {@code scene} (1 to 64
     * characters) for {@code expireSeconds} (protocol §7.2). WeChat's default lifetime differs between its pages, so
     * it is always sent.
     */
    public WeChatQrTicket loginQrCode(String appAccessToken, String scene, int expireSeconds) throws WeChatApiException {
        ObjectNode request = json.createObjectNode()
                .put("expire_seconds", expireSeconds)
                .put("action_name", "QR_STR_SCENE");
        // Nested under action_info.scene: a scene put directly under action_info comes back as scene 0 (§7.2).
        request.putObject("action_info").putObject("scene").put("scene_str", scene);
        HttpPost post = jsonPost(uri(WeChatEndpoint.QRCODE_CREATE, "access_token", appAccessToken), request);
        JsonNode body = call(WeChatEndpoint.QRCODE_CREATE, post, new Redaction(appAccessToken)).body;
        String ticket = requiredText(WeChatEndpoint.QRCODE_CREATE, body, "ticket");
        // Base64 text in practice; it goes into our pages and is matched against pushes, so only printable ASCII.
        if (!TICKET.matcher(ticket).matches()) {
            throw WeChatApiException.badResponse(WeChatEndpoint.QRCODE_CREATE, "field 'ticket' is not a ticket ("
                    + ticket.length() + " characters)");
        }
        long expires = positive(WeChatEndpoint.QRCODE_CREATE, body, "expire_seconds");
        return new WeChatQrTicket(ticket, expires, optionalText(WeChatEndpoint.QRCODE_CREATE, body, "url"));
    }

    /**
     * Whether the person follows the Official Account, and their unionid (protocol §7.4). For someone who does not
     * follow it (any more) WeChat answers little more than {@code subscribe} 0 and the openid.
     */
    public WeChatSubscriber subscriber(String appAccessToken, String openid) throws WeChatApiException {
        HttpGet get = new HttpGet(uri(WeChatEndpoint.SUBSCRIBER_INFO,
                "access_token", appAccessToken, "openid", openid, "lang", "zh_CN"));
        JsonNode body = call(WeChatEndpoint.SUBSCRIBER_INFO, get, new Redaction(appAccessToken)).body;
        JsonNode subscribe = body.get("subscribe");
        if (subscribe == null || !subscribe.isIntegralNumber() || subscribe.asInt() < 0 || subscribe.asInt() > 1) {
            throw WeChatApiException.badResponse(WeChatEndpoint.SUBSCRIBER_INFO, "field 'subscribe' is not 0 or 1");
        }
        String answered = requiredId(WeChatEndpoint.SUBSCRIBER_INFO, body, "openid");
        // The answer must be about the person asked about: anything else would sign in someone else.
        if (!answered.equals(openid)) {
            throw WeChatApiException.badResponse(WeChatEndpoint.SUBSCRIBER_INFO, "the answer is about another openid");
        }
        return new WeChatSubscriber(subscribe.asInt() == 1, answered,
                optionalId(WeChatEndpoint.SUBSCRIBER_INFO, body, "unionid"));
    }

    /** A count of seconds WeChat must send as a positive number. */
    private static long positive(WeChatEndpoint endpoint, JsonNode body, String field) throws WeChatApiException {
        long value = body.path(field).asLong(0);
        if (value <= 0) {
            throw WeChatApiException.badResponse(endpoint, field + " is missing or not positive");
        }
        return value;
    }

    /** The phone number a mini program user agreed to share, from their {@code getPhoneNumber} code (protocol §6.1). */
    public WeChatPhoneNumber phoneNumber(String appAccessToken, String phoneCode) throws WeChatApiException {
        HttpPost post = jsonPost(uri(WeChatEndpoint.PHONE_NUMBER, "access_token", appAccessToken),
                json.createObjectNode().put("code", phoneCode));
        JsonNode body = call(WeChatEndpoint.PHONE_NUMBER, post, new Redaction(appAccessToken, phoneCode)).body;
        JsonNode info = body.path("phone_info");
        String pure = digits(WeChatEndpoint.PHONE_NUMBER, info, "purePhoneNumber", 20);
        // SDKs disagree on countryCode's JSON type: a string or a number (protocol §6.1).
        String countryCode = digits(WeChatEndpoint.PHONE_NUMBER, info, "countryCode", 4);
        String watermarkAppId = requiredText(WeChatEndpoint.PHONE_NUMBER, info.path("watermark"), "appid");
        return new WeChatPhoneNumber(pure, countryCode, watermarkAppId);
    }

    private static String digits(WeChatEndpoint endpoint, JsonNode parent, String field, int maxLength)
            throws WeChatApiException {
        JsonNode node = parent.get(field);
        String value = node == null || !(node.isTextual() || node.isIntegralNumber()) ? "" : node.asText();
        if (value.isEmpty() || value.length() > maxLength || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw WeChatApiException.badResponse(endpoint, "field '" + field + "' is missing or not digits");
        }
        return value;
    }

    private HttpPost jsonPost(java.net.URI uri, ObjectNode body) {
        HttpPost post = new HttpPost(uri);
        try {
            post.setEntity(new StringEntity(json.writeValueAsString(body), ContentType.APPLICATION_JSON));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A flat JSON object of strings always serialises", e);
        }
        return post;
    }

    /** The profile's other fields, where WeChat sent text or a number; anything else (or too long) is left out. */
    private static Map<String, String> details(JsonNode body) {
        Map<String, String> details = new LinkedHashMap<>();
        for (String field : WeChatUserInfo.DETAILS) {
            JsonNode node = body.get(field);
            if (node != null && (node.isTextual() || node.isIntegralNumber()) && node.asText().length() <= MAX_DETAIL_LENGTH) {
                details.put(field, node.asText());
            }
        }
        return details;
    }

    private WeChatAccessToken accessToken(WeChatEndpoint endpoint, Answer answer) throws WeChatApiException {
        JsonNode body = answer.body;
        JsonNode snapshot = body.get("is_snapshotuser");
        return new WeChatAccessToken(
                requiredText(endpoint, body, "access_token"),
                body.path("expires_in").asLong(0),
                optionalText(endpoint, body, "refresh_token"),
                requiredId(endpoint, body, "openid"),
                optionalId(endpoint, body, "unionid"),
                optionalText(endpoint, body, "scope"),
                snapshot != null && snapshot.asInt(0) == 1,
                answer.text);
    }

    private record Answer(String text, JsonNode body) {
    }

    /** Sends the request; {@code redaction} hides what it carried from every exception message and cause. */
    private Answer call(WeChatEndpoint endpoint, HttpRequestBase request, Redaction redaction) throws WeChatApiException {
        request.setConfig(requestConfig);
        long deadline = System.nanoTime() + timeoutNanos;
        String text;
        int status;
        try (CloseableHttpResponse response = http.execute(request)) {
            status = response.getStatusLine().getStatusCode();
            text = readUtf8(endpoint, request, response.getEntity(), deadline);
        } catch (IOException e) {
            throw WeChatApiException.unreachable(endpoint, e.getClass().getSimpleName(), redaction.cause(e));
        } finally {
            request.releaseConnection();
        }
        if (status != 200) {
            throw WeChatApiException.badResponse(endpoint, "HTTP status " + status);
        }
        JsonNode body = parse(endpoint, text);
        // WeChat reports every error as HTTP 200 with errcode; success bodies of /sns/* have none.
        JsonNode errcode = body.get("errcode");
        if (errcode != null && !(errcode.canConvertToInt() && errcode.asInt() == 0)) {
            if (!errcode.canConvertToInt()) {
                throw WeChatApiException.badResponse(endpoint, "errcode is not a number");
            }
            // The errmsg is WeChat's (or a gateway's) text: it goes to the log, so it is redacted too.
            throw WeChatApiException.wechatError(endpoint, errcode.asInt(), redaction.text(body.path("errmsg").asText("")));
        }
        return new Answer(text, body);
    }

    private JsonNode parse(WeChatEndpoint endpoint, String text) throws WeChatApiException {
        if (text.isBlank()) {
            throw WeChatApiException.badResponse(endpoint, "empty body");
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw WeChatApiException.badResponse(endpoint, "body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw WeChatApiException.badResponse(endpoint, "body is not JSON");
        }
    }

    /**
     * Reads at most {@link #MAX_BODY_BYTES} and decodes them as UTF-8, ignoring the declared charset. The socket
     * timeout bounds each read only: a body that trickles in is also cut off once the call has taken the timeout.
     * Either way the connection is aborted, not drained: closing the stream would read the rest of the body.
     */
    private static String readUtf8(WeChatEndpoint endpoint, HttpRequestBase request, HttpEntity entity, long deadline)
            throws IOException, WeChatApiException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > MAX_BODY_BYTES) {
                    request.abort();
                    throw WeChatApiException.badResponse(endpoint, "body larger than " + MAX_BODY_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    request.abort();
                    throw new SocketTimeoutException("the answer was not complete within the timeout");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String requiredText(WeChatEndpoint endpoint, JsonNode body, String field) throws WeChatApiException {
        String value = optionalText(endpoint, body, field);
        if (value == null || value.isEmpty()) {
            throw WeChatApiException.badResponse(endpoint, "field '" + field + "' is missing");
        }
        return value;
    }

    /** Whether the value looks like an openid or unionid, wherever it came from (an answer, a push). */
    public static boolean isWeChatId(String value) {
        return value != null && WECHAT_ID.matcher(value).matches();
    }

    /** An openid or unionid; the value itself is never put in the message (it may be anything). */
    private static String requiredId(WeChatEndpoint endpoint, JsonNode body, String field) throws WeChatApiException {
        return checkId(endpoint, field, requiredText(endpoint, body, field));
    }

    private static String optionalId(WeChatEndpoint endpoint, JsonNode body, String field) throws WeChatApiException {
        String value = optionalText(endpoint, body, field);
        return value == null || value.isEmpty() ? value : checkId(endpoint, field, value);
    }

    private static String checkId(WeChatEndpoint endpoint, String field, String value) throws WeChatApiException {
        if (!isWeChatId(value)) {
            throw WeChatApiException.badResponse(endpoint, "field '" + field + "' is not a WeChat id ("
                    + value.length() + " characters)");
        }
        return value;
    }

    private static String optionalText(WeChatEndpoint endpoint, JsonNode body, String field) throws WeChatApiException {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw WeChatApiException.badResponse(endpoint, "field '" + field + "' is not a string");
        }
        return node.textValue();
    }

    private java.net.URI uri(WeChatEndpoint endpoint, String... params) {
        try {
            URIBuilder builder = new URIBuilder(apiBaseUrl + endpoint.path());
            for (int i = 0; i < params.length; i += 2) {
                builder.addParameter(params[i], params[i + 1]);
            }
            return builder.build();
        } catch (java.net.URISyntaxException e) {
            // The reason only: the exception's input is the whole URL, AppSecret included, and this one is logged.
            throw new IllegalArgumentException("Invalid WeChat API base URL: " + e.getReason());
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

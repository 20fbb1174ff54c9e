package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Test-side HTTP helper: raw java.net.http calls (no redirects followed) plus the common login flows. */
final class SimHttp {

    static final String WECHAT_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN";
    static final String DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final WeChatSimulator sim;

    SimHttp(WeChatSimulator sim) {
        this.sim = sim;
    }

    /** GET base + pathAndQuery, optionally with a User-Agent. Body as UTF-8 bytes, decoded by the caller. */
    HttpResponse<byte[]> getBytes(String pathAndQuery, String userAgent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET();
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        return send(b.build());
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery) {
        return getBytes(pathAndQuery, null);
    }

    String get(String pathAndQuery) {
        return text(getBytes(pathAndQuery));
    }

    HttpResponse<byte[]> post(String path, Map<String, String> form) {
        return send(formPost(path, form).build());
    }

    /** A form POST that asks for an answer of the given type ({@code Accept}), as a page's script does. */
    HttpResponse<byte[]> post(String path, Map<String, String> form, String accept) {
        return send(formPost(path, form).header("Accept", accept).build());
    }

    /** A POST of a JSON body, as the cgi-bin and wxa calls take. */
    HttpResponse<byte[]> postJson(String pathAndQuery, String json) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    private HttpRequest.Builder formPost(String path, Map<String, String> form) {
        return HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form)));
    }

    /** Sends a request built by the test (e.g. with its own headers); redirects are not followed. */
    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- flows ---------------------------------------------------------------------------------------------

    static String qrconnect(String appId, String redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", appId);
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", "snsapi_login");
        if (state != null) {
            q.put("state", state);
        }
        return "/connect/qrconnect?" + query(q);
    }

    /** The documented OA URL, already carrying connect_redirect=1 (i.e. after the 301 hop). */
    static String oaAuthorize(String appId, String redirectUri, String scope, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", appId);
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", scope);
        q.put("state", state);
        q.put("connect_redirect", "1");
        return "/connect/oauth2/authorize?" + query(q);
    }

    /** A scripted website login: returns the callback URL the browser is sent to. */
    String scriptedQrLogin(String appId, String personId, String redirectUri, String state) {
        sim.nextScan(appId, personId);
        HttpResponse<byte[]> r = getBytes(qrconnect(appId, redirectUri, state));
        assertEquals(302, r.statusCode(), () -> "expected a redirect, got " + text(r));
        return location(r);
    }

    String scriptedQrCode(String appId, String personId, String redirectUri) {
        return params(scriptedQrLogin(appId, personId, redirectUri, "st4te")).get("code");
    }

    HttpResponse<byte[]> exchange(String appId, String secret, String code) {
        return getBytes("/sns/oauth2/access_token?appid=" + enc(appId) + "&secret=" + enc(secret) + "&code=" + enc(code)
                + "&grant_type=authorization_code");
    }

    JsonNode exchangeJson(String appId, String secret, String code) {
        return json(exchange(appId, secret, code));
    }

    HttpResponse<byte[]> jscode2session(String appId, String secret, String jsCode) {
        return getBytes("/sns/jscode2session?appid=" + enc(appId) + "&secret=" + enc(secret) + "&js_code=" + enc(jsCode)
                + "&grant_type=authorization_code");
    }

    /** {@code POST /cgi-bin/stable_token} as WxJava and the reference send it (§7.1). */
    HttpResponse<byte[]> stableToken(String appId, String secret, boolean forceRefresh) {
        return postJson("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\",\"appid\":\"" + appId
                + "\",\"secret\":\"" + secret + "\",\"force_refresh\":" + forceRefresh + "}");
    }

    /** The app access token of a successful {@code stable_token} call. */
    String appAccessToken(String appId, String secret) {
        JsonNode answer = json(stableToken(appId, secret, false));
        assertNotNull(answer.get("access_token"), answer::toString);
        return answer.get("access_token").asText();
    }

    /** {@code POST /wxa/business/getuserphonenumber?access_token=…} with {@code {"code":"…"}} (§6.1). */
    HttpResponse<byte[]> phoneNumber(String appAccessToken, String phoneCode) {
        return postJson("/wxa/business/getuserphonenumber?access_token=" + enc(appAccessToken), "{\"code\":\"" + phoneCode + "\"}");
    }

    /** {@code POST /cgi-bin/qrcode/create?access_token=…} with a JSON body (§7.2). */
    HttpResponse<byte[]> qrcodeCreate(String appAccessToken, String json) {
        return postJson("/cgi-bin/qrcode/create?access_token=" + enc(appAccessToken), json);
    }

    /** A temporary QR_STR_SCENE code's answer, as our client asks for one. */
    JsonNode loginQrCode(String appAccessToken, String scene, int expireSeconds) {
        return json(qrcodeCreate(appAccessToken, "{\"expire_seconds\":" + expireSeconds
                + ",\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"" + scene + "\"}}}"));
    }

    /** {@code GET /cgi-bin/user/info?access_token=&openid=&lang=zh_CN} (§7.4). */
    HttpResponse<byte[]> subscriberInfo(String appAccessToken, String openid) {
        return getBytes("/cgi-bin/user/info?access_token=" + enc(appAccessToken) + "&openid=" + enc(openid) + "&lang=zh_CN");
    }

    HttpResponse<byte[]> userinfo(String accessToken, String openid) {
        return getBytes("/sns/userinfo?access_token=" + enc(accessToken) + "&openid=" + enc(openid));
    }

    // ---- parsing -------------------------------------------------------------------------------------------

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        return json(text(r));
    }

    static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    static String location(HttpResponse<?> r) {
        String location = r.headers().firstValue("Location").orElse(null);
        assertNotNull(location, "no Location header");
        return location;
    }

    static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse(null);
    }

    /** Query parameters of a URL (fragment ignored). */
    static Map<String, String> params(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String noFragment = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
        int q = noFragment.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String part : noFragment.substring(q + 1).split("&")) {
            int eq = part.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String query(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        return out.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> form(String... keyValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            form.put(keyValues[i], keyValues[i + 1]);
        }
        return form;
    }
}

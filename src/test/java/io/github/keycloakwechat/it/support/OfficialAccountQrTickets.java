package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A temporary QR ticket of an Official Account for a scene, asked of the simulated WeChat directly, as Keycloak asks
 * for one ({@code stable_token}, then {@code qrcode/create} with {@code QR_STR_SCENE}): for tests that push a scan
 * without a login page.
 */
public final class OfficialAccountQrTickets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OfficialAccountQrTickets() {
    }

    public static String issue(String wechatBaseUrl, String appId, String secret, String scene)
            throws IOException, InterruptedException {
        JsonNode token = postJson(wechatBaseUrl + "/cgi-bin/stable_token", Map.of("grant_type", "client_credential",
                "appid", appId, "secret", secret, "force_refresh", false));
        JsonNode qr = postJson(wechatBaseUrl + "/cgi-bin/qrcode/create?access_token="
                        + token.path("access_token").asText(),
                Map.of("expire_seconds", 600, "action_name", "QR_STR_SCENE",
                        "action_info", Map.of("scene", Map.of("scene_str", scene))));
        if (!qr.hasNonNull("ticket")) {
            throw new IllegalStateException("No QR ticket from the simulator: " + qr);
        }
        return qr.path("ticket").asText();
    }

    private static JsonNode postJson(String url, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}

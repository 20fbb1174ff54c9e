package io.github.keycloakwechat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak's admin REST API over plain HTTP and JSON, as the master realm's bootstrap admin
 * ({@code admin-cli}, password grant). Typed methods throw {@link KeycloakAdminException} on an error status;
 * the generic {@link #get}, {@link #post}, {@link #put} and {@link #delete} return whatever Keycloak answered.
 */
public final class KeycloakAdmin {

    /** Saved events every realm the tests create records, besides Keycloak's defaults. */
    public static final List<String> REQUIRED_EVENT_TYPES = List.of(
            "IDENTITY_PROVIDER_LOGIN", "IDENTITY_PROVIDER_LOGIN_ERROR", "LOGIN", "LOGIN_ERROR",
            "REGISTER", "CODE_TO_TOKEN", "FEDERATED_IDENTITY_LINK");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Renew this long before expiry: master's admin-cli tokens live only 60 s by default. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(15);
    private static final int MAX_RESULTS = 10_000;

    private final String baseUrl;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private String accessToken;
    private Instant tokenExpires = Instant.MIN;

    public KeycloakAdmin(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.username = username;
        this.password = password;
    }

    // ---- realms --------------------------------------------------------------------------------------------

    /**
     * Creates a realm with Keycloak's defaults, plus saved events: events enabled, no expiration, and the
     * enabled types Keycloak saves by default together with {@link #REQUIRED_EVENT_TYPES}.
     * Returns the realm as an admin GET shows it.
     */
    public JsonNode createRealm(String realm) {
        ObjectNode representation = Json.MAPPER.createObjectNode().put("realm", realm).put("enabled", true);
        post("/admin/realms", representation).orThrow();
        enableEvents(realm);
        return get(realmPath(realm)).orThrow().json();
    }

    /** Deletes a realm; one that does not exist (any more) is fine, so cleanup code can call it blindly. */
    public void deleteRealm(String realm) {
        AdminResponse response = delete(realmPath(realm));
        if (response.status() != 404) {
            response.orThrow();
        }
    }

    /**
     * Turns on saved events. An empty stored type list means "Keycloak's defaults", which GET shows expanded;
     * storing that list plus ours keeps the defaults and guarantees ours on any Keycloak version.
     */
    private void enableEvents(String realm) {
        JsonNode current = get(realmPath(realm) + "/events/config").orThrow().json();
        Set<String> types = new LinkedHashSet<>();
        current.path("enabledEventTypes").forEach(type -> types.add(type.asText()));
        types.addAll(REQUIRED_EVENT_TYPES);
        ObjectNode config = Json.MAPPER.createObjectNode().put("eventsEnabled", true);
        config.putPOJO("enabledEventTypes", List.copyOf(types));
        put(realmPath(realm) + "/events/config", config).orThrow();
    }

    // ---- clients -------------------------------------------------------------------------------------------

    /** A public OIDC client with the standard (authorization code) flow only; PKCE is not required. */
    public JsonNode createPublicClient(String realm, String clientId, String redirectUri) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("protocol", "openid-connect");
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("implicitFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.put("serviceAccountsEnabled", false);
        client.put("redirectUris", List.of(redirectUri));
        client.put("webOrigins", List.of("+"));
        String location = post(realmPath(realm) + "/clients", client).orThrow().location();
        return get(location).orThrow().json();
    }

    /** A confidential OIDC client with no browser flow: an app's own server, authenticating with a secret. */
    public JsonNode createConfidentialClient(String realm, String clientId, String secret) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("protocol", "openid-connect");
        client.put("enabled", true);
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("secret", secret);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.put("serviceAccountsEnabled", false);
        String location = post(realmPath(realm) + "/clients", client).orThrow().location();
        return get(location).orThrow().json();
    }

    // ---- identity providers --------------------------------------------------------------------------------

    /** Creates an enabled identity provider with the given config and returns it as an admin GET shows it. */
    public JsonNode createIdentityProvider(String realm, String alias, String providerId, Map<String, String> config) {
        ObjectNode representation = Json.MAPPER.createObjectNode()
                .put("alias", alias)
                .put("providerId", providerId)
                .put("enabled", true);
        representation.putPOJO("config", new LinkedHashMap<>(config));
        post(identityProvidersPath(realm), representation).orThrow();
        return getIdentityProvider(realm, alias);
    }

    /** The identity provider exactly as {@code GET .../identity-provider/instances/{alias}} returns it. */
    public JsonNode getIdentityProvider(String realm, String alias) {
        return get(identityProviderPath(realm, alias)).orThrow().json();
    }

    /**
     * Changes some config entries of an identity provider (a {@code null} value removes the entry) and keeps the
     * rest, including its secret: Keycloak keeps the stored client secret when the masked value comes back.
     */
    public JsonNode updateIdentityProvider(String realm, String alias, Map<String, String> configChanges) {
        ObjectNode representation = (ObjectNode) getIdentityProvider(realm, alias).deepCopy();
        ObjectNode config = representation.withObjectProperty("config");
        configChanges.forEach((key, value) -> {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
        return updateIdentityProvider(realm, representation);
    }

    /** Replaces an identity provider with {@code representation} (its {@code alias} names which one). */
    public JsonNode updateIdentityProvider(String realm, JsonNode representation) {
        String alias = representation.path("alias").asText();
        put(identityProviderPath(realm, alias), representation).orThrow();
        return getIdentityProvider(realm, alias);
    }

    // ---- users ---------------------------------------------------------------------------------------------

    /** All users of the realm, full representations (attributes included). */
    public List<JsonNode> users(String realm) {
        return list(get(realmPath(realm) + "/users?briefRepresentation=false&max=" + MAX_RESULTS).orThrow().json());
    }

    public JsonNode user(String realm, String userId) {
        return get(realmPath(realm) + "/users/" + segment(userId)).orThrow().json();
    }

    /** The user's links to identity providers: {@code identityProvider}, {@code userId}, {@code userName}. */
    public List<JsonNode> federatedIdentities(String realm, String userId) {
        return list(get(realmPath(realm) + "/users/" + segment(userId) + "/federated-identity").orThrow().json());
    }

    // ---- events --------------------------------------------------------------------------------------------

    /** The realm's saved user events, newest first, only of the given types if any are given. */
    public List<JsonNode> events(String realm, String... types) {
        StringBuilder path = new StringBuilder(realmPath(realm)).append("/events?max=").append(MAX_RESULTS);
        for (String type : types) {
            path.append("&type=").append(FormEncoding.encode(type));
        }
        List<JsonNode> events = new ArrayList<>(list(get(path.toString()).orThrow().json()));
        // Keycloak answers newest first already; the stable sort makes it a guarantee of this method.
        events.sort(Comparator.comparingLong((JsonNode event) -> event.path("time").asLong()).reversed());
        return events;
    }

    public void clearEvents(String realm) {
        delete(realmPath(realm) + "/events").orThrow();
    }

    // ---- user profile ------------------------------------------------------------------------------------

    /** What the admin console does on every user-profile change: read the whole profile, change it, write it back. */
    public void editUserProfile(String realm, java.util.function.Consumer<ObjectNode> change) {
        String path = "/admin/realms/" + realm + "/users/profile";
        ObjectNode profile = (ObjectNode) get(path).orThrow().json();
        change.accept(profile);
        put(path, profile).orThrow();
    }

    /** Unticks "Required field" of the named attributes, as an admin does in the user-profile tab. */
    public void makeOptional(String realm, Set<String> attributeNames) {
        editUserProfile(realm, profile -> {
            for (JsonNode attribute : profile.path("attributes")) {
                if (attributeNames.contains(attribute.path("name").asText())) {
                    ((ObjectNode) attribute).remove("required");
                }
            }
        });
    }

    // ---- generic -------------------------------------------------------------------------------------------

    /** {@code path} is relative to the server root ({@code /admin/realms/...}) or a full URL. */
    public AdminResponse get(String path) {
        return send("GET", path, null);
    }

    /** {@code body}: a JSON string, a {@link JsonNode}, a {@code Map} or any Jackson-serializable object. */
    public AdminResponse post(String path, Object body) {
        return send("POST", path, body);
    }

    public AdminResponse put(String path, Object body) {
        return send("PUT", path, body);
    }

    public AdminResponse delete(String path) {
        return send("DELETE", path, null);
    }

    /** A valid admin access token, for tests that call an endpoint with their own client. */
    public synchronized String accessToken() {
        if (accessToken == null || Instant.now().isAfter(tokenExpires.minus(TOKEN_MARGIN))) {
            logIn();
        }
        return accessToken;
    }

    private AdminResponse send(String method, String path, Object body) {
        URI uri = URI.create(path.startsWith("http://") || path.startsWith("https://") ? path
                : baseUrl + (path.startsWith("/") ? path : "/" + path));
        AdminResponse response = exchange(method, uri, body, accessToken());
        if (response.status() == 401) {
            // The token may have been revoked or expired early (e.g. a clock jump): log in once more.
            synchronized (this) {
                accessToken = null;
            }
            response = exchange(method, uri, body, accessToken());
        }
        return response;
    }

    private AdminResponse exchange(String method, URI uri, Object body, String token) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = call(request.build());
        return new AdminResponse(method, uri.toString(), response.statusCode(), response.body(), response.headers());
    }

    private void logIn() {
        URI tokenEndpoint = URI.create(baseUrl + "/realms/master/protocol/openid-connect/token");
        String form = FormEncoding.encode(Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", username, "password", password));
        HttpResponse<String> response = call(HttpRequest.newBuilder(tokenEndpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        if (response.statusCode() != 200) {
            throw new KeycloakAdminException("POST", tokenEndpoint.toString(), response.statusCode(), response.body());
        }
        JsonNode token = Json.parse(response.body());
        accessToken = token.path("access_token").asText();
        tokenExpires = Instant.now().plusSeconds(token.path("expires_in").asLong(60));
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static String realmPath(String realm) {
        return "/admin/realms/" + segment(realm);
    }

    private static String identityProvidersPath(String realm) {
        return realmPath(realm) + "/identity-provider/instances";
    }

    private static String identityProviderPath(String realm, String alias) {
        return identityProvidersPath(realm) + "/" + segment(alias);
    }

    private static String segment(String value) {
        return FormEncoding.encode(value).replace("+", "%20");
    }
}

package io.github.keycloakwechat.it.support;

import java.net.http.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;

/** An admin REST answer as it came: status, body and headers, for assertions on any endpoint. */
public record AdminResponse(String method, String url, int status, String body, HttpHeaders headers) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON (a missing node for an empty body). */
    public JsonNode json() {
        return Json.parse(body);
    }

    /** The {@code Location} header of a 201 Created, or {@code null}. */
    public String location() {
        return headers.firstValue("Location").orElse(null);
    }

    /** This response if it is a 2xx, else a {@link KeycloakAdminException} with status and body. */
    public AdminResponse orThrow() {
        if (!isSuccess()) {
            throw new KeycloakAdminException(method, url, status, body);
        }
        return this;
    }
}

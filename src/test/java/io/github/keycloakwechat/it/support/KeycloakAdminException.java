package io.github.keycloakwechat.it.support;

/** An admin REST call that Keycloak answered with an error status. */
public final class KeycloakAdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    public KeycloakAdminException(String method, String url, int status, String body) {
        super(method + " " + url + " answered " + status + ": " + Json.abbreviate(body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}

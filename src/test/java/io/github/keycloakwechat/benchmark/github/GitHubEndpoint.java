package io.github.keycloakwechat.benchmark.github;

/** The GitHub paths the stand-in answers: those Keycloak's built-in {@code github} provider uses. */
public enum GitHubEndpoint {
    /** {@code GET /login/oauth/authorize} (github.com): the browser's authorize page. */
    AUTHORIZE("/login/oauth/authorize", "GET", true),
    /** {@code POST /login/oauth/access_token} (github.com): the code exchange. */
    ACCESS_TOKEN("/login/oauth/access_token", "POST", false),
    /** {@code GET /user} (api.github.com): the token's user. */
    USER("/user", "GET", false),
    /** {@code GET /user/emails} (api.github.com): that user's e-mail addresses. */
    EMAILS("/user/emails", "GET", false);

    private final String path;
    private final String method;
    private final boolean servesPage;

    GitHubEndpoint(String path, String method, boolean servesPage) {
        this.path = path;
        this.method = method;
        this.servesPage = servesPage;
    }

    public String path() {
        return path;
    }

    String method() {
        return method;
    }

    /** True for the page a browser opens, false for the server-to-server API calls. */
    public boolean servesPage() {
        return servesPage;
    }

    /** The endpoint at exactly this path, or null. */
    static GitHubEndpoint at(String path) {
        for (GitHubEndpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return endpoint;
            }
        }
        return null;
    }
}

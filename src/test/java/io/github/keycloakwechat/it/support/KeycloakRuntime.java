package io.github.keycloakwechat.it.support;

/**
 * A running Keycloak that the integration tests talk to, however it was started
 * (a local distribution process or a container). The harness starts one per test JVM
 * and stops it at the end of the run; tests never stop it themselves.
 */
public interface KeycloakRuntime {

    /** The browser-facing base URL, e.g. {@code http://localhost:41234}, without a trailing slash. */
    String baseUrl();

    /** What runs, for messages, e.g. {@code "distribution 26.7.0"}. */
    String name();

    /**
     * How Keycloak reaches a URL served on the test host (e.g. the in-process WeChat simulator at
     * {@code http://127.0.0.1:PORT}): unchanged for a local process, rewritten to the host gateway for a container.
     */
    String reachableFromServer(String hostUrl);

    /**
     * The reverse of {@link #reachableFromServer}: a URL Keycloak was given for a server on the test host, as a
     * browser on the test host reaches it. Only matters where Keycloak sends the browser to the same URL it calls
     * itself (Keycloak's GitHub provider takes one base URL for both): like a person whose machine resolves the
     * container's name for the host, as Docker Desktop's {@code host.docker.internal} does.
     */
    default String reachableFromBrowser(String serverUrl) {
        return serverUrl;
    }

    /** Everything this Keycloak has logged so far (stdout and stderr), for assertions on the log. */
    String serverLog();

    /**
     * Stores a secret in Keycloak's file vault, so that {@code ${vault.KEY}} resolves in {@code realm}.
     * Keycloak reads vault files on each use: no restart needed.
     */
    default void putVaultSecret(String realm, String key, String value) {
        putVaultFile(vaultFileName(realm, key), value);
    }

    /**
     * Keycloak's file vault: one file per secret, named {@code REALM_KEY} with every {@code _} inside the realm or
     * the key doubled (docs/production.md, section 5).
     */
    static String vaultFileName(String realm, String key) {
        return realm.replace("_", "__") + "_" + key.replace("_", "__");
    }

    /**
     * Writes {@code value}, byte for byte, to the file {@code fileName} of Keycloak's vault directory
     * ({@code --vault-dir}): for a test of the file names themselves, as an operator writes them.
     */
    void putVaultFile(String fileName, String value);

    /** An admin REST client logged in to the master realm as the bootstrap admin. */
    KeycloakAdmin admin();
}

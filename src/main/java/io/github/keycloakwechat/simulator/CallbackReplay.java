package io.github.keycloakwechat.simulator;

/**
 * One server-side replay of a callback URL.
 *
 * @param url    the callback URL requested (same code and state the browser got)
 * @param status the HTTP status the callback answered, or -1 if it could not be reached
 * @param error  why it could not be reached, or null
 */
public record CallbackReplay(String url, int status, String error) {
}

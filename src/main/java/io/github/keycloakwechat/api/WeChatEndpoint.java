package io.github.keycloakwechat.api;

/** The WeChat server endpoints this extension calls, relative to the API base URL. */
public enum WeChatEndpoint {
    ACCESS_TOKEN("/sns/oauth2/access_token"),
    USERINFO("/sns/userinfo");

    private final String path;

    WeChatEndpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}

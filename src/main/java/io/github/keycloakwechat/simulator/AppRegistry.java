package io.github.keycloakwechat.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registered apps by AppID, in registration order (the index page lists them that way). */
final class AppRegistry {

    private final Map<String, SimApp> apps = new LinkedHashMap<>();

    /** Registers the app, replacing an earlier one with the same AppID. */
    synchronized SimApp add(SimApp app) {
        apps.put(app.appId(), app);
        return app;
    }

    synchronized SimApp get(String appId) {
        return appId == null ? null : apps.get(appId);
    }

    synchronized SimApp require(String appId) {
        SimApp app = get(appId);
        if (app == null) {
            throw new IllegalArgumentException("no app registered with AppID " + appId);
        }
        return app;
    }

    synchronized List<SimApp> all() {
        return new ArrayList<>(apps.values());
    }
}

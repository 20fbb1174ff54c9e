package io.github.keycloakwechat.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static io.github.keycloakwechat.simulator.SimHttp.json;
import static io.github.keycloakwechat.simulator.SimHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared fixture of the simulator's HTTP tests: one simulator per test class on a free port, with a
 * {@link SimHttp} on it. Before each test the run state is forgotten and every switch is back at WeChat's
 * default; apps and people stay. A test class registers its apps and people in {@link #addAppsAndPeople()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SimFixture {

    /** The suffix of every WeChat errmsg. */
    static final String RID = ", rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}";

    WeChatSimulator sim;
    SimHttp http;

    /** Called once, after the simulator started and before the first test. */
    abstract void addAppsAndPeople();

    @BeforeAll
    final void startSimulator() {
        sim = WeChatSimulator.start(0);
        http = new SimHttp(sim);
        addAppsAndPeople();
    }

    @AfterAll
    final void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    final void resetSimulator() {
        sim.reset();
        sim.restoreDefaults();
    }

    /** A WeChat API error: HTTP 200, the errcode, and the errmsg followed by the rid suffix. */
    static void assertErrcode(int errcode, String message, HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), "WeChat errors are HTTP 200");
        JsonNode body = json(r);
        assertEquals(errcode, body.get("errcode").asInt(), text(r));
        assertTrue(body.get("errmsg").asText().matches(Pattern.quote(message) + RID), text(r));
    }
}

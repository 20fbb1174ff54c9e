package io.github.keycloakwechat.it;

import io.github.keycloakwechat.it.support.KeycloakIntegrationTest;
import io.github.keycloakwechat.it.support.KeycloakRuntime;
import io.github.keycloakwechat.simulator.WeChatSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every sign-in story needs: the shared Keycloak of the run, a WeChat simulator of its own, and a
 * fresh realm. A subclass registers its WeChat apps and providers in {@link #setUp()}; the simulator's
 * scripted scans, faults, counters and switches start clean before each test.
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WeChatScenario {

    protected KeycloakRuntime keycloak;
    protected WeChatSimulator sim;
    protected WeChatRealm realm;

    /** The realm name's prefix: tells which story made a realm, in the admin console and the log. */
    protected abstract String realmPrefix();

    /** Registers the WeChat apps in {@link #sim} and the providers in {@link #realm}. */
    protected abstract void setUp();

    /** Switches every test of the class starts with, after the simulator's defaults. */
    protected void simulatorSwitches() {
    }

    @BeforeAll
    final void startSimulatorAndRealm(KeycloakRuntime keycloak) {
        this.keycloak = keycloak;
        sim = WeChatSimulator.start(0);
        realm = WeChatRealm.create(keycloak, sim, realmPrefix());
        setUp();
    }

    @BeforeEach
    final void resetSimulator() {
        sim.reset();
        sim.restoreDefaults();
        simulatorSwitches();
    }

    @AfterAll
    final void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }
}

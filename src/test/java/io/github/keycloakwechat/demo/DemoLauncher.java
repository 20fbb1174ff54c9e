package io.github.keycloakwechat.demo;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.github.keycloakwechat.it.support.DistributionKeycloak;
import io.github.keycloakwechat.simulator.WeChatSimulator;

/**
 * {@code mvn -Pdemo package}: the WeChat simulator on :8099 and Keycloak 26.7 with this provider on :8080,
 * importing the demo realm ({@code src/demo/wechat-demo-realm.json}). Runs until Ctrl-C.
 */
public final class DemoLauncher {

    static final String APP_ID = "wx5f1e3c2a9b7d4e60";
    static final String APP_SECRET = "demo-secret-of-the-simulator";

    private DemoLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path distHome = Path.of(System.getProperty("keycloak.dist.home"));
        Path providerJar = Path.of(System.getProperty("keycloak.provider.jar"));
        Path target = Path.of(System.getProperty("project.build.directory", "target"));
        int keycloakPort = Integer.getInteger("demo.keycloak.port", 8080);
        int managementPort = Integer.getInteger("demo.management.port", 9080);
        int simulatorPort = Integer.getInteger("demo.simulator.port", 8099);

        WeChatSimulator sim = WeChatSimulator.start(simulatorPort);
        sim.addWebsiteApp(APP_ID, APP_SECRET, "localhost");
        sim.addPerson("lihua", "李华", null);
        sim.addPerson("meimei", "韩梅梅🌸", null);
        sim.addPerson("zhangwei", "张伟", null);
        System.out.println("WeChat simulator: " + sim.baseUrl());

        System.out.println("Starting Keycloak (about a minute the first time)...");
        DistributionKeycloak keycloak = DistributionKeycloak.start(distHome, System.getProperty("keycloak.dist.version"),
                providerJar, target.resolve("keycloak-demo.log"), keycloakPort, managementPort,
                Path.of("src/demo/wechat-demo-realm.json"));

        String base = keycloak.baseUrl();
        System.out.println();
        System.out.println("  Sign in with WeChat:  " + base + "/realms/wechat-demo/account");
        System.out.println("  Admin console:        " + base + "/admin   (admin / admin)");
        System.out.println("  WeChat simulator:     " + sim.baseUrl() + "/");
        System.out.println("  Keycloak log:         " + target.resolve("keycloak-demo.log"));
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            keycloak.close();
            sim.close();
            stopped.countDown();
        }, "stop-demo"));
        stopped.await();
    }
}

package io.github.keycloakwechat.simulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standalone launcher. */
class MainTest {

    static final String[] DEMO = {
            "--port", "0",
            "--app", "website:wxdemo:demosecret:localhost",
            "--app", "oa:wxoademo:oasecret:mp.example.com:unbound",
            "--app=website:wxacme:acmesecret:acme.example.com:acme",
            "--app", "miniprogram:wxminidemo:minisecret",
            "--app", "mobile:wxmobiledemo:mobilesecret:acme",
            "--app", "miniprogram:wxminiunbound:minisecret2:unbound",
            "--person", "alice:Alice:https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132",
            "--person=bob:鲍勃",
            "--phone", "alice:13800000000",
            "--phone=bob:4155550100:1",
    };

    @Test
    void helpPrintsUsageAndStartsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(Main.launch(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8)));
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String flag : new String[] {"--port", "--host", "--app website:", "--app oa:", "--app miniprogram:", "--app mobile:",
                "--person", "--phone", "--seed", "--help"}) {
            assertTrue(usage.contains(flag), flag);
        }
    }

    @Test
    void launchRegistersAppsAndPeopleAndPrintsTheBaseUrl() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WeChatSimulator sim = Main.launch(DEMO, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("WeChat simulator ready: " + sim.baseUrl() + "\n"), printed);
            assertTrue(sim.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"));
            assertEquals(AppKind.WEBSITE, sim.app("wxdemo").kind());
            assertEquals("default", sim.app("wxdemo").openPlatformAccount());
            assertFalse(sim.app("wxoademo").bound());
            assertEquals("acme", sim.app("wxacme").openPlatformAccount());
            assertEquals(AppKind.MINI_PROGRAM, sim.app("wxminidemo").kind());
            assertEquals("default", sim.app("wxminidemo").openPlatformAccount());
            assertNull(sim.app("wxminidemo").callbackDomain());
            assertEquals(AppKind.MOBILE_APP, sim.app("wxmobiledemo").kind());
            assertEquals("acme", sim.app("wxmobiledemo").openPlatformAccount());
            assertFalse(sim.app("wxminiunbound").bound());
            assertTrue(printed.contains("  app    wxminidemo (MINI_PROGRAM, account default)"), printed);
            assertEquals("https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132", sim.person("alice").avatarUrl());
            assertEquals("鲍勃", sim.person("bob").nickname());
            assertEquals("13800000000", sim.person("alice").purePhoneNumber());
            assertEquals("86", sim.person("alice").phoneCountryCode(), "China unless told otherwise");
            assertEquals("4155550100", sim.person("bob").purePhoneNumber());
            assertEquals("1", sim.person("bob").phoneCountryCode());
            assertTrue(printed.contains("unionid " + sim.unionid("bob") + ", phone +1 4155550100"), printed);
            assertTrue(sim.person("bob").avatarUrl().startsWith("https://thirdwx.qlogo.cn/mmopen/vi_32/"));
        }
    }

    @Test
    void derivedIdsAreStableAcrossRestartsAndFollowTheSeed() {
        String first;
        try (WeChatSimulator sim = Main.launch(DEMO, new PrintStream(new ByteArrayOutputStream()))) {
            first = sim.openid("alice", "wxdemo") + sim.unionid("alice") + sim.person("bob").avatarUrl();
        }
        try (WeChatSimulator sim = Main.launch(DEMO, new PrintStream(new ByteArrayOutputStream()))) {
            assertEquals(first, sim.openid("alice", "wxdemo") + sim.unionid("alice") + sim.person("bob").avatarUrl());
        }
        String[] seeded = java.util.Arrays.copyOf(DEMO, DEMO.length + 2);
        seeded[DEMO.length] = "--seed";
        seeded[DEMO.length + 1] = "another";
        try (WeChatSimulator sim = Main.launch(seeded, new PrintStream(new ByteArrayOutputStream()))) {
            assertNotEquals(first, sim.openid("alice", "wxdemo") + sim.unionid("alice") + sim.person("bob").avatarUrl());
        }
    }

    @Test
    void badOptionsAreRejectedBeforeBinding() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--port", "eighty"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--app", "website:wxdemo"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--app", "mini:a:b:c"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--person", "alice"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--verbose"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--port"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--app", "website:a:b:localhost:8080"}, quiet),
                "a port is not an account name");
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--app", "oa:a:b:https://mp.example.com"}, quiet),
                "a domain with a scheme is refused");
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--port", "0", "--app", "oa:a:b:mp.example.com/path"}, quiet),
                "refused on registration, after binding: the started server is closed again");
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--person", "a:A", "--phone", "a:138-0000"}, quiet),
                "digits only");
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--person", "a:A", "--phone", "a:13800000000:+86"}, quiet),
                "a country code without +");
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--person", "a:A", "--phone", "b:13800000000"}, quiet),
                "a phone for a person not on the command line");
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--app", "miniprogram:a"}, quiet),
                "a mini program needs its secret");
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--app", "miniprogram:a:b:localhost:acme"}, quiet),
                "a mini program has no callback domain");
        assertThrows(IllegalArgumentException.class, () -> Main.launch(new String[] {"--app", "mobile:a:b:https://x"}, quiet),
                "nor a mobile app");
    }

    /** Runs the real launcher in its own JVM with only the simulator's classes on the class path: JDK only. */
    @Test
    void runsStandaloneWithNothingButTheJdk() throws Exception {
        String classes = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", classes, Main.class.getName(),
                "--port", "0", "--app", "website:wxdemo:demosecret:localhost", "--person", "alice:Alice")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = reader.readLine();
            assertTrue(first != null && first.startsWith("WeChat simulator ready: http://127.0.0.1:"), String.valueOf(first));
            String base = first.substring("WeChat simulator ready: ".length());
            HttpResponse<String> index = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("wxdemo"));
        } finally {
            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stops on SIGTERM (what Ctrl-C's shutdown hook also handles)");
        }
        assertTrue(new File(classes).isDirectory() || classes.endsWith(".jar"));
    }
}

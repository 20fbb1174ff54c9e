package io.github.keycloakwechat.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone: {@code java -jar keycloak-wechat-VERSION-simulator.jar --port 8099 --app …}.
 * Stops on Ctrl-C.
 */
public final class Main {

    static final String USAGE = String.join("\n",
            "WeChat simulator (keycloak-wechat): a stand-in for open.weixin.qq.com and api.weixin.qq.com.",
            "",
            "Usage: java -jar keycloak-wechat-<version>-simulator.jar [options]",
            "",
            "  --port N                       port to listen on (default 8099; 0 = any free port)",
            "  --host HOST                    interface to bind (default 127.0.0.1)",
            "  --app website:APPID:SECRET:DOMAIN[:unbound|:ACCOUNT]",
            "                                 a website app (QR login); bound to Open Platform account \"default\"",
            "                                 unless :unbound or another account name is given",
            "  --app oa:APPID:SECRET:DOMAIN[:unbound|:ACCOUNT]",
            "                                 an Official Account (web authorisation inside WeChat)",
            "  --app miniprogram:APPID:SECRET[:unbound|:ACCOUNT]",
            "                                 a mini program (wx.login codes, phone numbers); no domain",
            "  --app mobile:APPID:SECRET[:unbound|:ACCOUNT]",
            "                                 a mobile app (SDK SendAuth codes); no domain",
            "  --person ID:NICKNAME[:AVATAR_URL]",
            "                                 a simulated WeChat user (repeatable)",
            "  --phone ID:NUMBER[:COUNTRY_CODE]",
            "                                 the phone number bound to that person's WeChat (country code default 86),",
            "                                 what a mini program's getPhoneNumber button reveals",
            "  --seed TEXT                    seed of the derived openids/unionids (default \"" + WeChatSimulator.DEFAULT_SEED + "\")",
            "  --help                         this text",
            "",
            "Point the client's WeChat base URLs (open.weixin.qq.com and api.weixin.qq.com) at the printed URL.",
            "Control API: GET <url>/sim lists it. Overview: GET <url>/",
            "");

    private Main() {
    }

    public static void main(String[] args) {
        WeChatSimulator sim;
        try {
            sim = launch(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
            return;
        } catch (UncheckedIOException e) {
            System.err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            System.exit(1);
            return;
        }
        if (sim == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "wechat-sim-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses the options, starts the simulator and prints its base URL; null (after printing usage) for
     * {@code --help}. Throws IllegalArgumentException for bad options.
     */
    static WeChatSimulator launch(String[] args, PrintStream out) {
        String host = WeChatSimulator.DEFAULT_HOST;
        int port = WeChatSimulator.DEFAULT_PORT;
        String seed = WeChatSimulator.DEFAULT_SEED;
        List<String> apps = new ArrayList<>();
        List<String> people = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help":
                case "-h":
                    out.print(USAGE);
                    return null;
                case "--port":
                    String p = value != null ? value : next(args, ++i, arg);
                    try {
                        port = Integer.parseInt(p);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number, got " + p);
                    }
                    break;
                case "--host":
                    host = value != null ? value : next(args, ++i, arg);
                    break;
                case "--seed":
                    seed = value != null ? value : next(args, ++i, arg);
                    break;
                case "--app":
                    apps.add(value != null ? value : next(args, ++i, arg));
                    break;
                case "--person":
                    people.add(value != null ? value : next(args, ++i, arg));
                    break;
                case "--phone":
                    phones.add(value != null ? value : next(args, ++i, arg));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // Validate everything before binding a port.
        List<String[]> appSpecs = new ArrayList<>();
        for (String spec : apps) {
            appSpecs.add(parseApp(spec));
        }
        List<String[]> personSpecs = new ArrayList<>();
        for (String spec : people) {
            personSpecs.add(parsePerson(spec));
        }
        List<String[]> phoneSpecs = new ArrayList<>();
        for (String spec : phones) {
            String[] phone = parsePhone(spec);
            if (personSpecs.stream().noneMatch(p -> p[0].equals(phone[0]))) {
                throw new IllegalArgumentException("--phone names no --person: " + phone[0]);
            }
            phoneSpecs.add(phone);
        }
        WeChatSimulator sim = WeChatSimulator.start(host, port);
        try {
            sim.seed(seed);
            for (String[] a : appSpecs) {
                SimApp app = sim.addApp(AppKind.fromLabel(a[0]), a[1], a[2], a[3]);
                if (a[4] == null) {
                    continue;
                }
                if (a[4].equals("unbound")) {
                    app.unbound();
                } else {
                    app.boundTo(a[4]);
                }
            }
            for (String[] p : personSpecs) {
                sim.addPerson(p[0], p[1], p[2]);
            }
            for (String[] p : phoneSpecs) {
                sim.person(p[0]).phone(p[1], p[2]);
            }
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        out.println("WeChat simulator ready: " + sim.baseUrl());
        for (SimApp app : sim.apps()) {
            out.println("  app    " + app.appId() + " (" + app.kind()
                    + (app.callbackDomain() == null ? "" : ", domain " + app.callbackDomain())
                    + (app.bound() ? ", account " + app.openPlatformAccount() : ", unbound") + ")");
        }
        for (SimPerson person : sim.people()) {
            out.println("  person " + person.id() + " \"" + person.nickname() + "\" unionid " + sim.unionid(person.id())
                    + (person.hasPhone() ? ", phone +" + person.phoneCountryCode() + " " + person.purePhoneNumber() : ""));
        }
        if (!host.equals(WeChatSimulator.DEFAULT_HOST) && !host.equals("localhost")) {
            out.println("  note: bound to " + host + "; the control API under /sim has no authentication");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        return sim;
    }

    /**
     * {@code KIND:APPID:SECRET:DOMAIN[:unbound|:ACCOUNT]} for website apps and Official Accounts,
     * {@code KIND:APPID:SECRET[:unbound|:ACCOUNT]} for mini programs and mobile apps (no domain)
     * → {kind, appid, secret, domain-or-null, binding-or-null}.
     */
    static String[] parseApp(String spec) {
        String[] parts = spec.split(":", -1);
        AppKind kind;
        try {
            kind = AppKind.fromLabel(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--app kind must be website, oa, miniprogram or mobile, got " + parts[0]);
        }
        // The fields after KIND:APPID:SECRET: the domain (only for kinds with one), then the optional binding.
        int fields = kind.hasCallbackDomain() ? 4 : 3;
        if (parts.length < fields || parts.length > fields + 1) {
            throw new IllegalArgumentException("--app needs " + (kind.hasCallbackDomain()
                    ? "KIND:APPID:SECRET:DOMAIN[:unbound|:ACCOUNT]" : "KIND:APPID:SECRET[:unbound|:ACCOUNT]") + ", got " + spec);
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new IllegalArgumentException("--app has an empty field: " + spec);
            }
        }
        String binding = parts.length == fields + 1 ? parts[fields] : null;
        if (binding != null && kind.hasCallbackDomain() && binding.matches("\\d+")) {
            throw new IllegalArgumentException("--app: a callback domain is a bare host; \"" + binding
                    + "\" looks like a port (the fifth field is unbound or an Open Platform account name)");
        }
        if (binding != null && !binding.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--app: \"" + binding + "\" is not an account name (letters, digits, . _ -)"
                    + (kind.hasCallbackDomain() ? "; the domain is a bare host without scheme" : ""));
        }
        return new String[] {kind.label(), parts[1], parts[2], kind.hasCallbackDomain() ? parts[3] : null, binding};
    }

    /** {@code ID:NICKNAME[:AVATAR_URL]} (the URL may contain colons) → {id, nickname, avatar-or-null}. */
    static String[] parsePerson(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("--person needs ID:NICKNAME[:AVATAR_URL], got " + spec);
        }
        return new String[] {parts[0], parts[1], parts.length == 3 ? parts[2] : null};
    }

    /** {@code ID:NUMBER[:COUNTRY_CODE]} → {id, number, country code (default 86)}; the digits are checked on registration. */
    static String[] parsePhone(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()
                || parts.length == 3 && parts[2].isBlank()) {
            throw new IllegalArgumentException("--phone needs ID:NUMBER[:COUNTRY_CODE], got " + spec);
        }
        String[] phone = {parts[0], parts[1], parts.length == 3 ? parts[2] : "86"};
        // Check the digits now, before a port is bound, with the same rules as registration.
        new SimPerson.Phone(phone[2], phone[1]);
        return phone;
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

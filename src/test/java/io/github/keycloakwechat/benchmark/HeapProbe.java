package io.github.keycloakwechat.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keycloak's heap in use after a full GC, read with {@code jcmd} from its JVM (a child of kc.sh). */
final class HeapProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long javaPid;
    private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    private HeapProbe(long javaPid) {
        this.javaPid = javaPid;
    }

    /** The probe of the JVM started by the process {@code launchedPid} (itself or its descendant running java). */
    static HeapProbe of(long launchedPid) {
        ProcessHandle launched = ProcessHandle.of(launchedPid).orElseThrow();
        long pid = java.util.stream.Stream.concat(java.util.stream.Stream.of(launched), launched.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no java process under " + launchedPid));
        return new HeapProbe(pid);
    }

    /** MiB in use after a full GC, if jcmd could tell. */
    Optional<Double> usedAfterGcMiB() {
        try {
            run("GC.run");
            Matcher used = USED.matcher(run("GC.heap_info"));
            return used.find() ? Optional.of(Long.parseLong(used.group(1)) / 1024.0) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, String.valueOf(javaPid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}

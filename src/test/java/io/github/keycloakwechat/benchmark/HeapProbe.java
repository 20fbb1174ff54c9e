package io.github.keycloakwechat.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keycloak's heap in use after a full GC, read with {@code jcmd} from its JVM (a child of kc.sh). */
public final class HeapProbe {

    private static final String OUR_PACKAGE = "io.github.keycloakwechat.";
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long javaPid;
    private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    private HeapProbe(long javaPid) {
        this.javaPid = javaPid;
    }

    /** The probe of the JVM started by the process {@code launchedPid} (itself or its descendant running java). */
    public static HeapProbe of(long launchedPid) {
        ProcessHandle launched = ProcessHandle.of(launchedPid).orElseThrow();
        long pid = java.util.stream.Stream.concat(java.util.stream.Stream.of(launched), launched.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no java process under " + launchedPid));
        return new HeapProbe(pid);
    }

    /** MiB in use after a full GC, if jcmd could tell. */
    public Optional<Double> usedAfterGcMiB() {
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

    /** Live instances and bytes of this project's classes (a class histogram, which runs a full GC first). */
    Optional<long[]> ourInstances() {
        try {
            long instances = 0;
            long bytes = 0;
            for (String line : run("GC.class_histogram").split("\n")) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length >= 4 && columns[3].startsWith(OUR_PACKAGE)) {
                    instances += Long.parseLong(columns[1]);
                    bytes += Long.parseLong(columns[2]);
                }
            }
            return Optional.of(new long[] {instances, bytes});
        } catch (IOException | NumberFormatException e) {
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

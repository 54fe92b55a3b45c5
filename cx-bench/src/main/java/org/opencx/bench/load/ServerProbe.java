package org.opencx.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The server's live heap after a full GC and its resident set, by pid. Another JVM is probed with
 * {@code jcmd PID GC.class_histogram} (which runs a full GC first and sums the live objects) and
 * {@code /proc/PID/status} (VmRSS); this JVM with {@code System.gc()} and the memory bean.
 */
final class ServerProbe {
    private final long pid;

    record Sample(long liveHeapBytes, long rssBytes) {
    }

    ServerProbe(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    Sample sample() throws IOException, InterruptedException {
        long heap;
        if (pid == ProcessHandle.current().pid()) {
            System.gc();
            System.gc();
            heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        } else {
            heap = jcmdLiveHeap();
        }
        return new Sample(heap, rss());
    }

    private long jcmdLiveHeap() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " GC.class_histogram failed: " + out.lines().findFirst().orElse(""));
        }
        // The last line: "Total      <instances>      <bytes>"
        long total = -1;
        for (String line : out.lines().toList()) {
            String t = line.trim();
            if (t.startsWith("Total")) {
                String[] f = t.split("\\s+");
                total = Long.parseLong(f[f.length - 1]);
            }
        }
        if (total >= 0) {
            return total;
        }
        throw new IOException("no Total line in jcmd " + pid + " GC.class_histogram");
    }

    private long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.trim().split("\\s+");
                return Long.parseLong(f[1]) * 1024;
            }
        }
        return -1;
    }
}

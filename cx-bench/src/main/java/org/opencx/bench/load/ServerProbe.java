package org.opencx.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The server's live heap after a full GC, its resident set and the CPU time it used, by pid.
 * Another JVM is probed with {@code jcmd PID GC.class_histogram} (which runs a full GC first and
 * sums the live objects), {@code /proc/PID/status} (VmRSS) and {@code /proc/PID/stat} (user and
 * system time); this JVM with {@code System.gc()} and the memory and operating system beans.
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

    /** CPU time (user and system) the process has used so far, in nanoseconds. */
    long cpuNanos() throws IOException {
        if (pid == ProcessHandle.current().pid()) {
            return ownCpuNanos();
        }
        // After the command name in parentheses: state is field 3, utime 14 and stime 15, in clock ticks (100 a second).
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** CPU time this JVM has used so far, in nanoseconds. */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
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

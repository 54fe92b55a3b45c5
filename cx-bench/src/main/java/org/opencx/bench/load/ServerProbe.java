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
        return cpu().totalNanos();
    }

    /**
     * The process's CPU time so far, user and system apart, from {@code /proc/PID/stat} (Linux
     * only; all its threads, in clock ticks of {@code getconf CLK_TCK}, 10 ms on most systems).
     */
    Cpu cpu() throws IOException {
        // After the command name in parentheses: state is field 3, utime 14 and stime 15, in clock ticks.
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long tick = 1_000_000_000L / ClockTick.HZ;
        return new Cpu(Long.parseLong(f[11]) * tick, Long.parseLong(f[12]) * tick);
    }

    /** CPU time in nanoseconds, user and system (the kernel's, on the process's behalf). */
    record Cpu(long userNanos, long systemNanos) {
        long totalNanos() {
            return userNanos + systemNanos;
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
        }
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}; 100 if it cannot be asked). */
    private static final class ClockTick {
        static final long HZ = ask();

        private static long ask() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[1-9]\\d{0,5}")) {
                    return Long.parseLong(out);
                }
            } catch (IOException e) {
                // no getconf: the usual value
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 100;
        }
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

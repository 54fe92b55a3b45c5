package org.opencx.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks before a run that this process can hold what the scenario asks for: open files
 * (RLIMIT_NOFILE, {@code ulimit -n}) and, per source address, the ephemeral port range
 * ({@code net.ipv4.ip_local_port_range}). Stops with a message naming the limit.
 */
final class Preflight {
    /** Files beyond the sessions: jars, the JVM's own, selectors, the scheduler, the JSON file. */
    static final int SPARE_FILES = 200;

    private Preflight() {
    }

    /** Thrown when a limit would stop the run; the launcher prints it and exits with 3. */
    static final class LimitException extends Exception {
        LimitException(String message) {
            super(message);
        }
    }

    /**
     * The sessions' sockets in this process: one each; with {@code --baseline} the hosted
     * platform's end of each device socket is here too, so two each.
     */
    static void check(Common o) throws LimitException {
        int perSession = o.baseline() ? 2 : 1;
        long need = (long) o.count() * perSession + SPARE_FILES;
        long[] files = fileLimit();
        if (files != null && files[1] + need > files[0]) {
            throw new LimitException("open files: " + o.count() + " sessions" + (o.baseline()
                    ? " with --baseline (the device's socket and the hosted platform's end of it)" : "")
                    + " need about " + need + " file descriptors in this process, but its limit (RLIMIT_NOFILE, ulimit -n) is "
                    + files[0] + " with " + files[1] + " already open. Raise it (ulimit -n) or lower --count to at most "
                    + Math.max(0, (files[0] - files[1] - SPARE_FILES) / perSession) + ".");
        }
        int[] range = portRange();
        if (range != null) {
            int ports = range[1] - range[0] + 1;
            int sources = Math.max(1, o.sources().size());
            long perSource = ((long) o.count() + sources - 1) / sources;
            if (perSource > ports) {
                throw new LimitException("ephemeral ports: " + o.count() + " sessions from " + sources
                        + " source address(es) to " + o.uri().getHost() + ":" + o.uri().getPort() + " need " + perSource
                        + " local ports per address, but net.ipv4.ip_local_port_range is " + range[0] + "-" + range[1]
                        + " (" + ports + " ports). Add source addresses (--sources " + ((o.count() + ports - 1) / ports)
                        + " uses 127.0.0.1 and up) or widen the range.");
            }
        }
    }

    /** The open-files limit and how many are open now, or null where the JVM cannot tell. */
    static long[] fileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return new long[] {os.getMaxFileDescriptorCount(), os.getOpenFileDescriptorCount()};
        }
        return null;
    }

    /** For the server's banner: its limit and roughly how many edge sockets that leaves. */
    static String describeFileLimit() {
        long[] f = fileLimit();
        return f == null ? "unknown" : "limit " + f[0] + " (ulimit -n), " + f[1] + " open: room for about "
                + Math.max(0, f[0] - f[1] - SPARE_FILES) + " edge sockets";
    }

    /** The kernel's ephemeral port range, or null where there is none to read. */
    static int[] portRange() {
        try {
            String[] p = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

package org.opencx.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks before a run that this process can open the sessions asked for: open files
 * (RLIMIT_NOFILE, {@code ulimit -n}) and, for one target address, the ephemeral port range
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

    static void check(int sessions, URI target) throws LimitException {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long max = os.getMaxFileDescriptorCount();
            long open = os.getOpenFileDescriptorCount();
            long need = (long) sessions + SPARE_FILES;
            if (open + need > max) {
                throw new LimitException("open files: " + sessions + " sessions need about " + need
                        + " file descriptors in this process, but its limit (RLIMIT_NOFILE, ulimit -n) is " + max
                        + " with " + open + " already open. Raise it (ulimit -n) or lower --count to at most "
                        + Math.max(0, max - open - SPARE_FILES) + ".");
            }
        }
        int[] range = portRange();
        if (range != null) {
            int ports = range[1] - range[0] + 1;
            if (sessions > ports) {
                throw new LimitException("ephemeral ports: " + sessions + " sessions to one address " + target.getHost()
                        + ":" + target.getPort() + " need " + sessions + " local ports, but net.ipv4.ip_local_port_range is "
                        + range[0] + "-" + range[1] + " (" + ports + " ports). Widen it, or lower --count"
                        + " (several source or target loopback addresses come in a later increment).");
            }
        }
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

package org.opencx.transport;

import java.lang.management.ManagementFactory;

/**
 * The process's open-files limit, which every connection draws on: past it an accept fails, and
 * XNIO then stops accepting for up to 30 s. The listener's cap stays below it.
 */
final class OpenFiles {
    private OpenFiles() {
    }

    /**
     * How many connections the listener may hold within the open-files limit: the limit less the
     * files open now and a reserve for the rest of the server (pipes, tunnels' platform sockets,
     * pass-through connections, logs) of a twentieth of the limit, at least 256; -1 when the limit
     * is not known (not a Unix JVM).
     */
    static long connectionRoom() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long limit = os.getMaxFileDescriptorCount();
            return Math.max(1, limit - os.getOpenFileDescriptorCount() - Math.max(256, limit / 20));
        }
        return -1;
    }

    /** The open-files limit, or -1 when not known. */
    static long limit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os
                ? os.getMaxFileDescriptorCount() : -1;
    }
}

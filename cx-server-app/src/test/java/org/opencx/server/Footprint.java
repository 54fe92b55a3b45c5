package org.opencx.server;

import java.lang.management.ManagementFactory;

/**
 * What this JVM holds, for leak tests: the heap in use after full collections, live threads, open
 * file descriptors.
 */
record Footprint(long heapBytes, int threads, long openFiles) {

    /** Collects (until the heap stops shrinking, at most five times), then measures. */
    static Footprint now() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100); // let reference processing and cleaners run between collections
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                break;
            }
            used = now;
        }
        long files = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os
                ? os.getOpenFileDescriptorCount() : -1;
        return new Footprint(used, ManagementFactory.getThreadMXBean().getThreadCount(), files);
    }

    @Override
    public String toString() {
        return String.format("heap %.1f MiB, %d threads, %d open files", heapBytes / 1048576.0, threads, openFiles);
    }
}

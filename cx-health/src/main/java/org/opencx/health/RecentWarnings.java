package org.opencx.health;

import java.time.Instant;
import java.util.List;

/**
 * The last WARN and ERROR lines logged, kept in a small ring for the status page. Nothing at INFO
 * or below is ever kept. Closing it stops the capture.
 */
public interface RecentWarnings extends AutoCloseable {
    /** False when the logging back-end gives no way to capture (the page says so). */
    boolean available();

    /** The lines kept, oldest first. */
    List<LogLine> lines();

    @Override
    void close();

    /** One line logged. */
    record LogLine(Instant time, String level, String logger, String message) {
    }

    /**
     * Captures the last {@code capacity} lines from Log4j2 when it is SLF4J's back-end; otherwise
     * {@link Unavailable}.
     */
    static RecentWarnings capture(int capacity) {
        try {
            return Log4jLevels.isBackend() ? Log4jWarnings.attach(capacity) : Unavailable.INSTANCE;
        } catch (LinkageError e) {
            return Unavailable.INSTANCE; // Log4j2 not on the class path at all
        }
    }

    /** No capture with this logging back-end. */
    enum Unavailable implements RecentWarnings {
        INSTANCE;

        @Override
        public boolean available() {
            return false;
        }

        @Override
        public List<LogLine> lines() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}

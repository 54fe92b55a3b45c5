package org.opencx.health;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads and changes logger levels at run time (the admin route's back-end). */
public interface LogLevels {
    /** The level names accepted, most verbose last. */
    List<String> LEVELS = List.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");

    /** False when the logging back-end cannot be changed from here (the route then answers 501). */
    boolean available();

    /** The logger's effective level; {@code logger} is a dotted name, or {@code ""} for the root. */
    String level(String logger);

    /**
     * Sets the logger's level (and so its children's, unless they have their own).
     *
     * @param level one of {@link #LEVELS}
     * @return the effective level before
     */
    String set(String logger, String level);

    /** {@code text} as one of {@link #LEVELS}, in any case. */
    static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return LEVELS.contains(upper) ? Optional.of(upper) : Optional.empty();
    }

    /** Log4j2 when it is SLF4J's back-end; otherwise levels that cannot be changed. */
    static LogLevels detect() {
        try {
            return Log4jLevels.isBackend() ? new Log4jLevels() : Unavailable.INSTANCE;
        } catch (LinkageError e) {
            return Unavailable.INSTANCE; // Log4j2 not on the class path at all
        }
    }

    /** No back-end that can be changed. */
    enum Unavailable implements LogLevels {
        INSTANCE;

        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String level(String logger) {
            throw new UnsupportedOperationException("log levels cannot be changed with this logging back-end");
        }

        @Override
        public String set(String logger, String level) {
            throw new UnsupportedOperationException("log levels cannot be changed with this logging back-end");
        }
    }
}

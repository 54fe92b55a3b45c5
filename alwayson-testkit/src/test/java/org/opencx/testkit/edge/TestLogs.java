package org.opencx.testkit.edge;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Log4j2 at run time, for tests: capture what a logger writes at a chosen level, or quiet a logger
 * for a noisy test. Either restores the logger's level when closed. The logger must be configured
 * by name in {@code log4j2-test.xml}.
 */
final class TestLogs implements AutoCloseable {
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig config;
    private final Level previous;
    private final AbstractAppender appender;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private TestLogs(String logger, Level level, boolean capture) {
        config = context.getConfiguration().getLoggerConfig(logger);
        if (!config.getName().equals(logger)) {
            throw new IllegalStateException("log4j2-test.xml configures no logger " + logger);
        }
        previous = config.getLevel();
        appender = capture ? new AbstractAppender("capture-" + System.nanoTime(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(render(event));
            }
        } : null;
        if (appender != null) {
            appender.start();
            config.addAppender(appender, Level.ALL, null);
        }
        config.setLevel(level);
        context.updateLoggers();
    }

    /** Captures every line the logger (and its children) writes at this level and above. */
    static TestLogs capture(String logger, Level level) {
        return new TestLogs(logger, level, true);
    }

    /** Raises the logger's level, e.g. to WARN while a thousand clients connect. */
    static TestLogs quiet(String logger, Level level) {
        return new TestLogs(logger, level, false);
    }

    /** The captured lines: the formatted message, then the stack trace of any exception. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    private static String render(LogEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage();
        if (event.getThrown() == null) {
            return line;
        }
        StringWriter trace = new StringWriter();
        event.getThrown().printStackTrace(new PrintWriter(trace));
        return line + "\n" + trace;
    }

    @Override
    public void close() {
        if (appender != null) {
            config.removeAppender(appender.getName());
            appender.stop();
        }
        config.setLevel(previous);
        context.updateLoggers();
    }
}

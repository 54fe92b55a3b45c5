package org.opencx.config.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/** Collects every log line of {@code org.opencx}, all levels, while open. */
final class LogCapture implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String OPENCX = "org.opencx";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final Level previous;

    LogCapture() {
        appender = new AbstractAppender("capture-" + IDS.incrementAndGet(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringWriter text = new StringWriter();
                text.append(event.getLevel().name()).append(' ').append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    event.getThrown().printStackTrace(new PrintWriter(text));
                }
                lines.add(text.toString());
            }
        };
        appender.start();
        previous = LogManager.getLogger(OPENCX).getLevel();
        Configurator.setLevel(OPENCX, Level.ALL);
        context().getConfiguration().getLoggerConfig(OPENCX).addAppender(appender, Level.ALL, null);
        context().updateLoggers();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<String> lines(Level level) {
        return lines.stream().filter(l -> l.startsWith(level.name() + " ")).toList();
    }

    String all() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        context().getConfiguration().getLoggerConfig(OPENCX).removeAppender(appender.getName());
        Configurator.setLevel(OPENCX, previous);
        appender.stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}

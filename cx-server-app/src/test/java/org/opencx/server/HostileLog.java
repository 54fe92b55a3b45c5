package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * What the server's own loggers ({@code org.opencx}, DEBUG and up) write while it is open, for the
 * hostile-input cases that check their log line. Level and logger are kept in each line.
 */
final class HostileLog implements AutoCloseable {
    private static final String OURS = "org.opencx";
    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    HostileLog() {
        Configuration config = context.getConfiguration();
        WriterAppender appender = WriterAppender.createAppender(
                PatternLayout.newBuilder().withPattern("%level %c{1} %msg%n").build(), null, text, "hostile", false, true);
        appender.start();
        LoggerConfig ours = config.getLoggerConfig(OURS);
        if (!ours.getName().equals(OURS)) {
            ours = new LoggerConfig(OURS, Level.DEBUG, true);
            config.addLogger(OURS, ours);
        }
        ours.addAppender(appender, Level.DEBUG, null);
        ours.setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Waits for a line with all these parts (logging may come a moment after the client sees the close). */
    void awaitLine(String... parts) throws InterruptedException {
        HostileFixture.await("a log line with " + String.join(", ", parts), () -> text().lines()
                .anyMatch(l -> java.util.Arrays.stream(parts).allMatch(l::contains)));
        assertThat(text()).isNotEmpty();
    }

    /** Back to the configuration from the file. */
    @Override
    public void close() {
        context.reconfigure();
    }
}

package org.opencx.health;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** What one logger (and its children) logged at INFO and above while this is open. */
public final class HealthLogCapture implements AutoCloseable {
    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final String logger;

    public HealthLogCapture(String logger) {
        this.logger = logger;
        Configuration config = context.getConfiguration();
        WriterAppender appender = WriterAppender.createAppender(
                PatternLayout.newBuilder().withPattern("%level %logger %msg%n").build(), null, text, "captured-" + logger,
                false, true);
        appender.start();
        config.addAppender(appender);
        LoggerConfig l = new LoggerConfig(logger, Level.INFO, true);
        l.addAppender(appender, Level.INFO, null);
        config.addLogger(logger, l);
        context.updateLoggers();
    }

    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(logger);
        context.updateLoggers();
    }
}

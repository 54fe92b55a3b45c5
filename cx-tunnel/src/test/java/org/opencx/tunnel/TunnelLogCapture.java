package org.opencx.tunnel;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything the server's own loggers ({@code org.opencx}) log, at every level, while it is open. */
final class TunnelLogCapture implements AutoCloseable {
    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    TunnelLogCapture() {
        Configuration config = context.getConfiguration();
        WriterAppender appender = WriterAppender.createAppender(
                PatternLayout.newBuilder().withPattern("%level %logger %msg %ex%n").build(), null, text, "captured",
                false, true);
        appender.start();
        config.addAppender(appender);
        LoggerConfig ours = config.getLoggerConfig("org.opencx");
        ours.addAppender(appender, Level.ALL, null);
        ours.setLevel(Level.ALL);
        context.updateLoggers();
    }

    String text() {
        return text.toString();
    }

    @Override
    public void close() {
        context.reconfigure();
    }
}

package org.opencx.health;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * An appender on Log4j2's root logger that keeps the last WARN, ERROR and FATAL lines in a ring
 * (lock-free: an append never waits). It follows reconfigurations (an edited
 * {@code log4j2.xml} reloaded): it is added to each new configuration's root logger. Lines from a
 * logger whose configuration is not additive do not reach it. Loaded only when Log4j2 core is
 * SLF4J's back-end.
 */
final class Log4jWarnings extends AbstractAppender implements RecentWarnings, PropertyChangeListener {
    /** A longer message is cut here (with an ellipsis). */
    static final int MAX_MESSAGE_CHARS = 500;

    private final LoggerContext context;
    private final AtomicReferenceArray<LogLine> ring;
    private final AtomicLong appended = new AtomicLong();

    private Log4jWarnings(LoggerContext context, int capacity) {
        super("cx-health-warnings-" + Integer.toHexString(System.identityHashCode(context)) + "-"
                + Long.toHexString(System.nanoTime()), null, null, true, Property.EMPTY_ARRAY);
        this.context = context;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    static Log4jWarnings attach(int capacity) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Log4jWarnings w = new Log4jWarnings(context, capacity);
        w.start();
        context.addPropertyChangeListener(w);
        w.addTo(context.getConfiguration());
        return w;
    }

    private void addTo(Configuration config) {
        if (!isStarted()) {
            start(); // the old configuration stopped it on its way out
        }
        config.getRootLogger().removeAppender(getName());
        config.getRootLogger().addAppender(this, Level.WARN, null);
    }

    /** A new configuration (a reload): the capture moves to it. */
    @Override
    public void propertyChange(PropertyChangeEvent e) {
        if (LoggerContext.PROPERTY_CONFIG.equals(e.getPropertyName()) && e.getNewValue() instanceof Configuration c) {
            addTo(c);
        }
    }

    @Override
    public void append(LogEvent event) {
        if (!event.getLevel().isMoreSpecificThan(Level.WARN)) {
            return; // never anything at INFO or below
        }
        String message = event.getMessage() == null ? "" : event.getMessage().getFormattedMessage();
        Throwable thrown = event.getThrown();
        if (thrown != null) {
            message = message + " (" + thrown + ")";
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
        }
        LogLine line = new LogLine(Instant.ofEpochMilli(event.getTimeMillis()), event.getLevel().name(),
                event.getLoggerName() == null ? "" : event.getLoggerName(), message);
        long n = appended.getAndIncrement();
        ring.set((int) (n % ring.length()), line);
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<LogLine> lines() {
        long n = appended.get();
        long from = Math.max(0, n - ring.length());
        List<LogLine> lines = new ArrayList<>((int) (n - from));
        for (long i = from; i < n; i++) {
            LogLine l = ring.get((int) (i % ring.length()));
            if (l != null) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Override
    public void close() {
        context.removePropertyChangeListener(this);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        stop();
    }
}

package org.opencx.health;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.LoggerFactory;

/**
 * Log4j2's levels, changed through its {@link Configurator}. A change holds until the process
 * stops or Log4j2 reloads its file (its {@code monitorInterval} re-reads an edited file).
 * Loaded only when Log4j2 core is SLF4J's back-end (it is an optional dependency).
 */
final class Log4jLevels implements LogLevels {
    static boolean isBackend() {
        try {
            Class.forName("org.apache.logging.log4j.core.config.Configurator", false, Log4jLevels.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return LoggerFactory.getILoggerFactory().getClass().getName().startsWith("org.apache.logging.slf4j")
                && LogManager.getContext(false) instanceof org.apache.logging.log4j.core.LoggerContext;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String level(String logger) {
        Level l = (logger.isEmpty() ? LogManager.getRootLogger() : LogManager.getLogger(logger)).getLevel();
        return l == null ? "OFF" : l.name();
    }

    @Override
    public String set(String logger, String level) {
        String before = level(logger);
        Level l = Level.valueOf(level);
        if (logger.isEmpty()) {
            Configurator.setRootLevel(l);
        } else {
            Configurator.setLevel(logger, l);
        }
        return before;
    }
}

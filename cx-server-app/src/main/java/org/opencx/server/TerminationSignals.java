package org.opencx.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (systemd's stop, Ctrl-C) run the graceful stop and then exit with 0.
 *
 * <p>The JVM's own handling of them runs the shutdown hooks and exits with 143 (130), which a
 * service manager reports as a failure; its hooks also run side by side with Log4j's, so the
 * stop's last log lines can be lost. Here the stop runs first, on the signal's thread, and the
 * exit follows. The launcher's shutdown hook stays for every other way out. When a signal cannot
 * be handled (the JVM runs with {@code -Xrs}, or the OS has no such signal), the JVM's default
 * and the shutdown hook remain.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only way to handle a signal in Java
 * 17; javac's "internal proprietary API" warning about it is expected and cannot be suppressed.
 */
final class TerminationSignals {
    private static final Logger log = LoggerFactory.getLogger(TerminationSignals.class);

    /** The signals handled, by their names without the {@code SIG} prefix. */
    static final List<String> NAMES = List.of("TERM", "INT");

    private TerminationSignals() {
    }

    /** Handles TERM and INT with {@code gracefulStop}, then {@link System#exit}; returns the signals handled. */
    static List<String> install(Runnable gracefulStop) {
        return install(gracefulStop, System::exit);
    }

    /**
     * Handles TERM and INT: {@code gracefulStop}, then {@code exit} with {@link ExitCode#OK}, or with
     * {@link ExitCode#FAILURE} when the stop threw. Returns the signals now handled.
     */
    static List<String> install(Runnable gracefulStop, IntConsumer exit) {
        List<String> handled = new ArrayList<>(NAMES.size());
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), s -> stopThenExit(s.getName(), gracefulStop, exit));
                handled.add(name);
            } catch (IllegalArgumentException e) {
                log.debug("SIG{} keeps the JVM's handling: {}", name, e.getMessage());
            }
        }
        return List.copyOf(handled);
    }

    private static void stopThenExit(String signal, Runnable gracefulStop, IntConsumer exit) {
        log.info("SIG{} received: stopping gracefully", signal);
        int code;
        try {
            gracefulStop.run();
            code = ExitCode.OK.code();
        } catch (RuntimeException e) {
            log.error("The graceful stop after SIG{} failed", signal, e);
            code = ExitCode.FAILURE.code();
        }
        exit.accept(code);
    }
}

package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * TERM and INT raised in this JVM: the graceful stop runs, then the exit with 0. The exit is
 * recorded instead of ending the test JVM, and the JVM's handlers are put back afterwards.
 */
class TerminationSignalsTest {
    private final Map<String, SignalHandler> jvmHandlers = new HashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();

    @BeforeEach
    void keepTheJvmHandlers() {
        for (String name : TerminationSignals.NAMES) {
            Signal signal = new Signal(name);
            // Not SIG_IGN: the JVM never handles a shutdown signal again once it was ignored.
            SignalHandler jvm = Signal.handle(signal, s -> { });
            Signal.handle(signal, jvm);
            jvmHandlers.put(name, jvm);
        }
    }

    @AfterEach
    void restoreTheJvmHandlers() {
        jvmHandlers.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
    }

    private void exit(int code) {
        events.add("exit " + code);
        exited.complete(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void theSignalRunsTheGracefulStopThenExitsWithZero(String name) throws Exception {
        assertThat(TerminationSignals.install(() -> events.add("stopped"), this::exit)).containsExactly("TERM", "INT");

        Signal.raise(new Signal(name));

        assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK.code());
        assertThat(events).containsExactly("stopped", "exit 0");
    }

    @Test
    void aStopThatThrowsExitsWithFailure() throws Exception {
        TerminationSignals.install(() -> {
            throw new IllegalStateException("the stop broke");
        }, this::exit);

        Signal.raise(new Signal("TERM"));

        assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.FAILURE.code());
    }
}

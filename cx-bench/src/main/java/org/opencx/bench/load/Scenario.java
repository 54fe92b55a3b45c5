package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A load scenario: one run against one {@link Target}. The launcher runs it through the Connection
 * Server and, with {@code --baseline}, once more straight to the hosted platform, and prints the
 * ratio of the figures named by {@link #compared()}.
 */
sealed interface Scenario permits ConnectScenario, PushScenario, ReadScenario, StormScenario {

    Report run(Common o, Target t, PrintStream out) throws Exception;

    /** The figures the two runs are compared on: report paths such as {@code pushLatencyMs.p99}. */
    List<String> compared();

    /** {@code --duration} when not given. */
    Duration defaultDuration();

    /** {@code --rate} when not given. */
    double defaultRate();

    /** Whether the scenario needs the platform hosted here ({@code --platform-port}). */
    default boolean needsPlatform() {
        return false;
    }

    static Scenario named(String name) throws Args.UsageException {
        return switch (name) {
            case "connect" -> new ConnectScenario();
            case "push" -> new PushScenario();
            case "read" -> new ReadScenario();
            case "storm" -> new StormScenario();
            default -> throw new Args.UsageException("unknown command '" + name + "'");
        };
    }
}

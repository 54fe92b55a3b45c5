package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A load scenario: one run against one {@link Target}. The launcher runs it through the Connection
 * Server and, with {@code --baseline}, once more straight to the hosted platform, and prints the
 * ratio of the figures its {@link Profile} names.
 */
sealed interface Scenario permits ConnectScenario, PushScenario, ReadScenario, StormScenario,
        TunnelScenario, FailoverScenario, SlowReaderScenario {

    Report run(Common o, Target t, PrintStream out) throws Exception;

    /** What the launcher needs to know of a scenario besides running it. */
    Profile profile();

    /** The platform nodes to host with {@code --platform-port}: one, unless the scenario needs a cluster. */
    default int platformNodes(Common o) {
        return 1;
    }

    /**
     * @param summary         what it does, for the usage
     * @param compared        the figures the two runs are compared on: report paths such as
     *                        {@code pushLatencyMs.p99}
     * @param defaultDuration {@code --duration} when not given
     * @param defaultRate     {@code --rate} when not given
     * @param needsPlatform   whether it needs the platform hosted here ({@code --platform-port})
     */
    record Profile(String summary, List<String> compared, Duration defaultDuration, double defaultRate,
                   boolean needsPlatform) {
    }

    /** The scenarios' command names, in the order the usage lists them. */
    List<String> NAMES = List.of("connect", "push", "read", "storm", "tunnel", "failover", "slowreader");

    static Scenario named(String name) {
        return switch (name) {
            case "connect" -> new ConnectScenario();
            case "push" -> new PushScenario();
            case "read" -> new ReadScenario();
            case "storm" -> new StormScenario();
            case "tunnel" -> new TunnelScenario();
            case "failover" -> new FailoverScenario();
            case "slowreader" -> new SlowReaderScenario();
            default -> throw new IllegalArgumentException("no scenario " + name);
        };
    }
}

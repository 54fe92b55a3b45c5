package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;

/**
 * Pipes die under load (platform-link section 4): every request in either direction still gets an
 * answer, a success or 0xA3/0xA4, within the relay's deadline; the sessions go on over the pipes
 * left, or are replayed when none was left; the dropped pipes reopen.
 */
class RelayPipeFailureTest {
    private static final int PIPES = 3;
    private static final int DEVICES = 50;
    private static final int READS = 200;
    private static final Duration CS_TIMEOUT = Duration.ofSeconds(1);
    /**
     * Longer than the relay's: a platform request written into a pipe as the relay drops it never
     * reaches the relay, and only the platform's own deadline answers it (0xA4).
     */
    private static final Duration PLATFORM_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READS_WINDOW = PLATFORM_TIMEOUT.plusSeconds(2);
    private static final Duration PUSHES_WINDOW = CS_TIMEOUT.plusSeconds(2);
    private static final List<Integer> ANSWERED = List.of(StatusCode.SUCCESS.code(),
            StatusCode.SERVICE_UNAVAILABLE.code(), StatusCode.GATEWAY_TIMEOUT.code());

    private RelayFixture f;
    private List<String> things;
    private List<EdgeClient> devices;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup()
                .pipes(PIPES)
                .platform(p -> p.requestTimeout(PLATFORM_TIMEOUT))
                .routing(RoutingSettings.DEFAULTS.withRequestTimeout(CS_TIMEOUT))
                .start();
        things = IntStream.range(0, DEVICES).mapToObj(i -> String.format("Drill%02d", i)).toList();
        List<EdgeClient.Builder> builders = new ArrayList<>();
        things.forEach(t -> builders.add(f.device(t)));
        devices = f.connectAll(builders, DEVICES);
        for (int i = 0; i < DEVICES; i++) {
            devices.get(i).thing(things.get(i)).property("Serial", i);
        }
        f.awaitBound(things, true);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void losingOnePipeUnderLoadAnswersEveryRequestAndTheSessionsGoOn() throws Exception {
        Outcomes reads = new Outcomes();
        try (PushLoad load = new PushLoad(devices, things)) {
            load.awaitMore(200);
            platformReads(reads);
            long reconnects = f.relay.counters().pipeReconnects();
            f.relay.nodes().nodes().get(0).drop(1);
            assertThat(f.relay.nodes().readyCount()).as("routing skips a dropped pipe at once").isEqualTo(PIPES - 1);
            platformReads(reads);
            long successes = load.outcomes.count(StatusCode.SUCCESS);
            f.await("pushes succeed on the pipes left", () -> load.outcomes.count(StatusCode.SUCCESS) >= successes + 500);
            f.await("the dropped pipe reopened", () -> f.relay.nodes().readyCount() == PIPES);
            assertThat(f.relay.counters().pipeReconnects()).isGreaterThan(reconnects);
            load.stop(PUSHES_WINDOW);
            reads.awaitAll(READS_WINDOW);
            assertThat(load.outcomes.codes()).as("pushes %s", load.outcomes).isSubsetOf(ANSWERED);
        }
        assertThat(reads.codes()).as("platform reads %s", reads).isSubsetOf(ANSWERED);
        assertThat(reads.count(StatusCode.SUCCESS)).as("platform reads %s", reads).isPositive();
        assertThat(f.relay.router().counters().replays()).as("nothing replayed").isZero();
        assertDevicesUndisturbed();
    }

    @Test
    void losingEveryPipeUnderLoadAnswersEveryRequestAndReplaysTheSessions() throws Exception {
        Outcomes inFlight = new Outcomes();
        Outcomes duringOutage = new Outcomes();
        try (PushLoad load = new PushLoad(devices, things)) {
            load.awaitMore(200);
            platformReads(inFlight);
            for (int i = 0; i < PIPES; i++) {
                f.relay.nodes().nodes().get(0).drop(i);
            }
            platformReads(duringOutage);
            f.await("every pipe reopened", () -> f.relay.nodes().readyCount() == PIPES);
            f.await("every session replayed", () -> f.relay.router().counters().replays() >= DEVICES);
            f.awaitBound(things, true);
            long successes = load.outcomes.count(StatusCode.SUCCESS);
            f.await("pushes succeed again", () -> load.outcomes.count(StatusCode.SUCCESS) >= successes + 500);
            load.stop(PUSHES_WINDOW);
            inFlight.awaitAll(READS_WINDOW);
            duringOutage.awaitAll(READS_WINDOW);
            assertThat(load.outcomes.codes()).as("pushes %s", load.outcomes).isSubsetOf(ANSWERED);
            assertThat(load.outcomes.count(StatusCode.SERVICE_UNAVAILABLE)).as("pushes %s", load.outcomes).isPositive();
        }
        assertThat(inFlight.codes()).as("platform reads in flight %s", inFlight).isSubsetOf(ANSWERED);
        // Until the relay replays them, the platform knows the things as bound nowhere: 0x84 is its truth.
        assertThat(duringOutage.codes()).as("platform reads during the outage %s", duringOutage)
                .isSubsetOf(StatusCode.SUCCESS.code(), StatusCode.SERVICE_UNAVAILABLE.code(),
                        StatusCode.GATEWAY_TIMEOUT.code(), StatusCode.NOT_FOUND.code());
        Outcomes after = new Outcomes();
        platformReads(after);
        after.awaitAll(READS_WINDOW);
        assertThat(after.count(StatusCode.SUCCESS)).as("platform reads after %s", after).isEqualTo(READS);
        assertDevicesUndisturbed();
    }

    /** {@value #READS} platform reads at once, spread over the devices. */
    private void platformReads(Outcomes reads) {
        for (int i = 0; i < READS; i++) {
            reads.platform(f.platform.readProperty(things.get(i % DEVICES), "Serial"));
        }
    }

    private void assertDevicesUndisturbed() throws Exception {
        f.await("no request left in flight", () -> f.relay.router().pendingCount() == 0);
        assertThat(f.relay.router().counters().sessionsClosed()).isZero();
        assertThat(f.relay.counters().edgeConnections()).isEqualTo(DEVICES);
        for (EdgeClient d : devices) {
            assertThat(d.reconnects()).isZero();
            assertThat(d.isConnected()).isTrue();
        }
    }
}

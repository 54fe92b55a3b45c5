package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * Leak tests, minutes long, run with {@code -Pleak} only (tag {@code leak}): a whole server (edge
 * listener, relay, health port, metrics) in front of a reference platform, both in this JVM with
 * the devices. What is measured is the whole JVM after full collections: a leak anywhere shows.
 * The figures go to stdout (and docs/reliability.md).
 */
@Tag("leak")
class LeakCyclesTest {
    private static final String KEY = "leak-test-key";
    private static final int CYCLES = Integer.getInteger("leak.cycles", 100_000);
    private static final int WARMUP_CYCLES = 5_000;
    private static final int CONCURRENCY = 32;
    private static final int SOURCES = 8;
    private static final long HEAP_SLACK_BYTES = 16L << 20;
    private static final int THREAD_SLACK = 4;
    private static final long FILE_SLACK = 16;
    private ReferencePlatform platform;
    private ConnectionServer server;
    private URI edge;

    @BeforeEach
    void start() throws Exception {
        platform = ReferencePlatform.builder().appKey(KEY).autoCreateThings(true).build();
        platform.start();
        CxServerSettings settings = new CxServerSettings(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0),
                EdgeTlsSettings.disabled(), PlatformSettings.defaults(platform.wsUri(), KEY, "LeakCx").withPipeCount(2)
                .withReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300)),
                PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS, 0, Duration.ofSeconds(5));
        server = ConnectionServer.builder().settings(settings).build();
        server.start().get(20, TimeUnit.SECONDS);
        edge = URI.create("ws://127.0.0.1:" + server.edgePort() + "/Thingworx/WS");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aHundredThousandConnectBindDisconnectCyclesLeaveHeapThreadsAndFilesWhereTheyWere() throws Exception {
        cycles(WARMUP_CYCLES);
        awaitServerEmpty();
        Footprint before = Footprint.now();
        long t0 = System.nanoTime();
        long failed = cycles(CYCLES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        awaitServerEmpty();
        Footprint after = Footprint.now();
        System.out.printf("leak: %d connect-bind-disconnect cycles in %.1f s (%.0f/s), %d failed%n  before: %s%n"
                + "  after:  %s%n", CYCLES, seconds, CYCLES / seconds, failed, before, after);
        assertThat(failed).isZero();
        assertThat(server.relay().counters().edgeConnections()).isEqualTo(WARMUP_CYCLES + CYCLES);
        assertThat(after.heapBytes()).as("heap after %s, before %s", after, before)
                .isLessThan(before.heapBytes() + HEAP_SLACK_BYTES);
        assertThat(after.threads()).isLessThanOrEqualTo(before.threads() + THREAD_SLACK);
        assertThat(after.openFiles()).isLessThanOrEqualTo(before.openFiles() + FILE_SLACK);
    }

    /** {@code n} devices, {@link #CONCURRENCY} at a time: connect (AUTH, BIND), then the SDK's disconnect (UNBIND, close). */
    private long cycles(int n) throws Exception {
        BlockingQueue<Integer> names = new ArrayBlockingQueue<>(CONCURRENCY);
        for (int i = 0; i < CONCURRENCY; i++) {
            names.add(i);
        }
        List<InetAddress> sources = new ArrayList<>();
        for (int i = 1; i <= SOURCES; i++) {
            sources.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
        }
        Semaphore lanes = new Semaphore(CONCURRENCY);
        LongAdder failed = new LongAdder();
        for (int i = 0; i < n; i++) {
            lanes.acquire();
            int name = names.take();
            String thing = "Leak-" + name;
            EdgeClient c = EdgeClient.builder(edge).appKey(KEY).thing(thing).reconnect(false)
                    .localAddress(sources.get(i % SOURCES)).requestTimeout(Duration.ofSeconds(10)).build();
            CompletableFuture<Void> cycle;
            try {
                cycle = c.connect().thenCompose(v -> c.disconnect());
            } catch (RuntimeException e) {
                cycle = CompletableFuture.failedFuture(e);
            }
            cycle.whenComplete((v, e) -> {
                if (e != null) {
                    failed.increment();
                    c.abort();
                }
                names.add(name);
                lanes.release();
            });
            if ((i + 1) % 10_000 == 0) {
                System.out.printf("leak: %d cycles%n", i + 1);
            }
        }
        lanes.acquire(CONCURRENCY);
        return failed.sum();
    }

    private void awaitServerEmpty() throws Exception {
        platform.awaitState(Duration.ofSeconds(60), () -> server.relay().router().sessionCount() == 0
                && server.relay().router().pendingCount() == 0 && server.relay().router().boundThingCount() == 0
                && server.relay().endpoint().openConnections() == 0);
    }

    @Test
    void tenPlatformRestartsUnderAPushLoadLeaveTheHeapWhereItWas() throws Exception {
        int devices = 200;
        List<EdgeClient> clients = new ArrayList<>();
        List<CompletableFuture<Void>> connecting = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            EdgeClient c = EdgeClient.builder(edge).appKey(KEY).thing("Restart-" + i).requestTimeout(Duration.ofSeconds(10))
                    .build();
            c.thing("Restart-" + i).property("Counter", 0);
            clients.add(c);
            connecting.add(c.connect());
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        StatusCounts outcomes = new StatusCounts();
        try (PushLoop pushes = new PushLoop(clients.subList(0, 50), outcomes)) {
            restart();
            Footprint before = Footprint.now();
            for (int r = 0; r < 10; r++) {
                restart();
            }
            pushes.stopAndAwait(Duration.ofSeconds(30));
            awaitQuiet(devices);
            Footprint after = Footprint.now();
            System.out.printf("leak: 10 platform restarts under a push load, %d devices: %s%n  before: %s%n"
                    + "  after:  %s%n", devices, outcomes, before, after);
            assertThat(outcomes.noStatus()).isZero();
            assertThat(clients).allMatch(c -> c.reconnects() == 0 && c.isConnected());
            assertThat(after.heapBytes()).as("heap after %s, before %s", after, before)
                    .isLessThan(before.heapBytes() + HEAP_SLACK_BYTES);
        } finally {
            clients.forEach(EdgeClient::abort);
        }
    }

    /** The platform stops and starts again; every session is replayed on it. */
    private void restart() throws Exception {
        long replays = server.relay().router().counters().replays();
        int sessions = server.relay().router().sessionCount();
        platform.stop();
        platform.start();
        platform.awaitState(Duration.ofSeconds(60), () -> server.relay().router().counters().replays() >= replays + sessions
                && server.relay().router().replaysQueued() == 0);
    }

    private void awaitQuiet(int sessions) throws Exception {
        platform.awaitState(Duration.ofSeconds(60), () -> server.relay().router().sessionCount() == sessions
                && server.relay().router().pendingCount() == 0 && server.relay().router().boundThingCount() == sessions);
    }
}

package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Response;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * Requests sent from many threads at once over a compressed socket all arrive intact: permessage-
 * deflate keeps one context for the connection, so the messages must reach the wire in the order
 * they were compressed in.
 */
class EdgeCompressionOrderTest {
    static final String THING = "Busy1";
    static final int THREADS = 8;
    static final int PUSHES = 100;

    @Test
    void pushesFromManyThreadsAtOnceAreAllInflated() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (ReferencePlatform platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING));
             EdgeClient device = client(platform.wsUri(), THING).compression(true).build()) {
            connected(device);
            assertThat(device.compressed()).isTrue();
            List<CompletableFuture<Response>> pushes = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String property = "Level" + t;
                pushes.add(CompletableFuture.supplyAsync(() -> {
                    CompletableFuture<Response> last = null;
                    for (int i = 0; i < PUSHES; i++) {
                        last = device.pushProperty(THING, property, i);
                    }
                    return last;
                }, threads).thenCompose(f -> f));
            }
            for (CompletableFuture<Response> p : pushes) {
                assertThat(get(p).isSuccess()).isTrue();
            }
            assertThat(platform.counters().connectionsOpened()).isEqualTo(1);
            assertThat(device.reconnects()).isZero();
            assertThat(platform.thing(THING).orElseThrow().values()).hasSize(THREADS);
        } finally {
            threads.shutdownNow();
        }
    }
}

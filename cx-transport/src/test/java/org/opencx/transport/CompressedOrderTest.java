package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.edge.EdgeClient;

/**
 * Many concurrent platform requests to one compressed edge through the relay all succeed. (The race
 * EdgeSocket guards against, compressed messages from two threads reaching the wire out of deflate
 * order, needs two producers for one edge; the relay funnels a session through one pipe, so this
 * test exercises the path under load rather than forcing the race. The testkit's SendOrderTest
 * forces it for the same Undertow behaviour.)
 */
class CompressedOrderTest {

    @Test
    void concurrentPlatformReadsThroughTheRelayAllSucceedOnACompressedSocket() throws Exception {
        try (RelayFixture f = RelayFixture.setup().pipes(3).start()) {
            EdgeClient device = f.connect(f.device("Deflated").compression(true));
            device.thing("Deflated").property("Temperature", 42.5);
            f.platform.awaitConnected("Deflated", true, RelayFixture.WAIT);
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<CompletableFuture<Primitive>> reads = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    reads.add(CompletableFuture.supplyAsync(() -> f.platform.readProperty("Deflated", "Temperature"), callers)
                            .thenCompose(r -> r));
                }
                CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                for (CompletableFuture<Primitive> r : reads) {
                    assertThat(r.join()).isEqualTo(Primitive.number(42.5));
                }
                assertThat(device.isConnected()).isTrue();
            } finally {
                callers.shutdownNow();
            }
        }
    }
}

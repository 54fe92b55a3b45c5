package org.opencx.testkit.socket;

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
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * Messages sent on one compressed socket from many threads at once all inflate at the peer: the
 * socket sends on its I/O thread, so they reach the wire in the order they were compressed in
 * (permessage-deflate keeps one context per connection). Here the platform's side sends.
 */
class SendOrderTest {
    static final String KEY = "send-order-key";
    static final String THING = "Busy2";
    static final int THREADS = 8;
    static final int READS = 100;

    @Test
    void platformRequestsFromManyThreadsAtOnceAreAllInflated() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (ReferencePlatform platform = ReferencePlatform.builder().appKey(KEY).thing(THING).build()) {
            platform.start();
            try (EdgeClient device = EdgeClient.builder(platform.wsUri()).appKey(KEY).thing(THING).compression(true)
                    .reconnect(false).build()) {
                device.thing(THING).property("Level", 5);
                device.connect().get(10, TimeUnit.SECONDS);
                List<CompletableFuture<Primitive>> reads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    reads.add(CompletableFuture.supplyAsync(() -> {
                        CompletableFuture<Primitive> last = null;
                        for (int i = 0; i < READS; i++) {
                            last = platform.readProperty(THING, "Level");
                        }
                        return last;
                    }, threads).thenCompose(f -> f));
                }
                for (CompletableFuture<Primitive> r : reads) {
                    assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(Primitive.integer(5));
                }
                assertThat(device.isConnected()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}

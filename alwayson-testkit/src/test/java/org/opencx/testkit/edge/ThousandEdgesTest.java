package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.platform.ReferencePlatform;

/** A thousand clients in one JVM, each its own thing, all bound at once and each answering a read. */
class ThousandEdgesTest {
    static final int CLIENTS = 1000;
    static final int BATCH = 100;

    /** Four INFO lines per client from the platform would flood the build's output. */
    private TestLogs quiet;

    @BeforeEach
    void quiet() {
        quiet = TestLogs.quiet("org.opencx", Level.WARN);
    }

    @AfterEach
    void loud() {
        quiet.close();
    }

    @Test
    void aThousandClientsBindAndAnswer() {
        List<EdgeClient> clients = new ArrayList<>();
        try (ReferencePlatform platform = EdgeFixtures.started(EdgeFixtures.platform().autoCreateThings(true))) {
            for (int i = 0; i < CLIENTS; i++) {
                EdgeClient c = client(platform.wsUri(), "Load-" + i).build();
                c.thing("Load-" + i).property("Index", i);
                clients.add(c);
            }
            for (int from = 0; from < CLIENTS; from += BATCH) {
                get(all(clients.subList(from, from + BATCH).stream().map(EdgeClient::connect).toList()));
            }
            assertThat(platform.counters().binds()).isEqualTo(CLIENTS);
            assertThat(platform.thingNames().stream().filter(n -> EdgeFixtures.connected(platform, n))).hasSize(CLIENTS);

            List<CompletableFuture<Primitive>> reads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                reads.add(platform.readProperty("Load-" + i, "Index"));
            }
            get(all(reads));
            for (int i = 0; i < CLIENTS; i++) {
                assertThat(reads.get(i).join()).isEqualTo(Primitive.integer(i));
            }

            get(all(clients.stream().map(EdgeClient::disconnect).toList()));
            EdgeFixtures.await(platform, "every socket closed", () -> platform.counters().connectionsActive() == 0);
            assertThat(platform.counters().unbinds()).isEqualTo(CLIENTS);
        } finally {
            clients.forEach(EdgeClient::abort);
        }
    }

    private static CompletableFuture<Void> all(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }
}

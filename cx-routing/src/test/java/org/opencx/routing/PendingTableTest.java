package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.routing.Pending.FromEdge;
import org.opencx.routing.Pending.FromPlatform;
import org.opencx.routing.Pending.Internal;
import org.opencx.routing.Pending.Kind;

/** Each session's count of its entries follows every way in and out of the table. */
class PendingTableTest {
    private final PendingTable table = new PendingTable(100);
    private final EdgeSession a = new EdgeSession(1, null, 0);
    private final EdgeSession b = new EdgeSession(2, null, 0);

    private int fromEdge(EdgeSession s, long deadline) {
        return table.add(id -> new FromEdge(s, 7, 0, Kind.REQUEST, List.of(), List.of(), 0, 1, deadline, 0));
    }

    private int toEdge(EdgeSession s, long deadline) {
        return table.add(id -> new FromPlatform(s, 9, s.endpointId(), 5, 0, 1, deadline));
    }

    @Test
    void aSessionCountsWhatIsInFlightFromOrToIt() {
        int one = fromEdge(a, 100);
        int two = toEdge(a, 100);
        fromEdge(b, 100);
        table.add(id -> new Internal("UNBIND", r -> { }, 0, 100));
        assertThat(a.pendingCount()).isEqualTo(2);
        assertThat(b.pendingCount()).isEqualTo(1);

        assertThat(table.take(one)).isNotNull();
        assertThat(table.take(one)).isNull();
        assertThat(a.pendingCount()).isEqualTo(1);
        assertThat(table.takeIf(two, p -> false)).isNull();
        assertThat(a.pendingCount()).isEqualTo(1);
        assertThat(table.takeIf(two, p -> true)).isNotNull();
        assertThat(a.pendingCount()).isZero();
    }

    @Test
    void expiryAndRemovalUncountToo() {
        fromEdge(a, 10);
        toEdge(a, 50);
        toEdge(b, 50);
        assertThat(table.expire(20)).hasSize(1);
        assertThat(a.pendingCount()).isEqualTo(1);
        assertThat(table.removeIf(p -> p.edge() == a)).hasSize(1);
        assertThat(a.pendingCount()).isZero();
        assertThat(b.pendingCount()).isEqualTo(1);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aFullTableFilesAndCountsNothing() {
        PendingTable small = new PendingTable(1);
        assertThat(small.add(id -> new FromPlatform(a, 1, 1, 1, 0, 1, 10))).isNotZero();
        assertThat(small.add(id -> new FromPlatform(a, 2, 1, 1, 0, 1, 10))).isZero();
        assertThat(a.pendingCount()).isEqualTo(1);
    }

    /** Places for AUTHs are taken atomically: threads racing for the last places never pass the cap. */
    @Test
    void placesForAuthsNeverPassTheCapUnderRacingThreads() throws Exception {
        int cap = 5;
        for (int round = 0; round < 200; round++) {
            PendingTable t = new PendingTable(100);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger reserved = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (t.reserveAuth(cap)) {
                        reserved.incrementAndGet();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(reserved.get()).as("round %d", round).isEqualTo(cap);
            assertThat(t.authsInFlight()).isEqualTo(cap);
        }
    }

    /** A reserved place is counted once: by the reservation, not again by filing; freed once when the entry goes. */
    @Test
    void anAuthIsCountedFromItsReservationUntilItsEntryIsGoneOrItIsReleased() {
        assertThat(table.reserveAuth(2)).isTrue();
        int filed = table.add(id -> new FromEdge(a, 7, 0, Kind.AUTH, List.of(), List.of(), 0, 1, 100, 0));
        assertThat(table.authsInFlight()).isEqualTo(1);
        assertThat(table.reserveAuth(2)).isTrue();
        assertThat(table.reserveAuth(2)).isFalse();
        table.releaseAuth();
        assertThat(table.authsInFlight()).isEqualTo(1);
        table.take(filed);
        assertThat(table.authsInFlight()).isZero();
    }
}

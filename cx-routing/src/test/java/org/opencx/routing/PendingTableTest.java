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
}

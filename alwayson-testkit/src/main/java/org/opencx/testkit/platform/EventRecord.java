package org.opencx.testkit.platform;

import java.time.Instant;
import java.util.Objects;
import org.opencx.alwayson.InfoTable;

/**
 * An event an edge fired (POST THINGS/t EVENTS e).
 *
 * @param data     the event data, {@link InfoTable#EMPTY} when it carried none
 * @param received when the platform received it (platform clock)
 */
public record EventRecord(String name, InfoTable data, Instant received) {
    public EventRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(received, "received");
        data = data == null ? InfoTable.EMPTY : data;
    }
}

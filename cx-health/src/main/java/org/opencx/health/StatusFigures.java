package org.opencx.health;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the status page shows of a running server, read at once from its counters.
 *
 * @param name            the server's thing name at the platform
 * @param started         when the server started (for its uptime); null when unknown
 * @param platforms       the pipes, one row per platform URL
 * @param edgeConnections edge WebSockets open now
 * @param boundThings     things bound through the server now
 * @param toPlatform      messages relayed from edges to the platform since the start
 * @param toEdges         messages relayed from the platform to edges since the start
 * @param refusals        refusals since the start by reason (bounded names, in the order to show)
 */
public record StatusFigures(String name, Instant started, List<PlatformPipes> platforms, int edgeConnections,
                            int boundThings, long toPlatform, long toEdges, Map<String, Long> refusals) {
    public StatusFigures {
        Objects.requireNonNull(name, "name");
        platforms = List.copyOf(platforms);
        refusals = Collections.unmodifiableMap(new LinkedHashMap<>(refusals));
    }

    /** Nothing known: what a source that does not tell answers. */
    public static StatusFigures none() {
        return new StatusFigures("", null, List.of(), 0, 0, 0, 0, Map.of());
    }
}

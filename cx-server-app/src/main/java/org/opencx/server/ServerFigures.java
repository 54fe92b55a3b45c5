package org.opencx.server;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.opencx.routing.RelayCounters;
import org.opencx.routing.RelayCounters.Refusal;
import org.opencx.transport.Relay;
import org.opencx.transport.TransportCounters;

/**
 * The server's key figures as the platform reporter pushes them, one property of the server's own
 * thing each: what the reference product's Monitoring mashup shows. Counts are totals since start;
 * the two rates are messages per second since the previous report.
 */
final class ServerFigures {
    private final Relay relay;
    private final String version;
    private final long startedMillis;
    private long lastMillis;
    private long lastIn;
    private long lastOut;

    ServerFigures(Relay relay, String version, long startedMillis) {
        this.relay = relay;
        this.version = version;
        this.startedMillis = startedMillis;
        this.lastMillis = startedMillis;
        RelayCounters c = relay.router().counters();
        this.lastIn = c.edgeToPlatform();
        this.lastOut = c.platformToEdge();
    }

    /** The figures now, by property name, in a stable order; advances the rates' interval. */
    Map<String, Object> sample(long nowMillis) {
        RelayCounters c = relay.router().counters();
        TransportCounters t = relay.counters();
        long in = c.edgeToPlatform();
        long out = c.platformToEdge();
        double seconds = Math.max(1, nowMillis - lastMillis) / 1000.0;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("connectionsOpen", relay.endpoint().openSockets());
        f.put("thingsBound", relay.router().boundThingCount());
        f.put("messagesInPerSecond", round((in - lastIn) / seconds));
        f.put("messagesOutPerSecond", round((out - lastOut) / seconds));
        for (Refusal r : Refusal.values()) {
            f.put("refused" + camel(r.name()), c.refusals(r));
        }
        f.put("refusedSlowReader", t.slowReaders());
        f.put("refusedTooManyConnections", t.tooManyConnections());
        f.put("refusedConnectionRate", t.connectionRate());
        f.put("overMaxMessageSize", t.overMaxMessageSize() + c.refusals(Refusal.TOO_LARGE));
        f.put("timeoutsRequest", c.timeouts());
        f.put("timeoutsEdgeAuth", t.authTimeouts());
        f.put("timeoutsEdgeIdle", t.idleTimeouts());
        f.put("pipesReady", relay.nodes().readyCount());
        f.put("pipesWritable", relay.nodes().writableCount());
        f.put("pipesConfigured", relay.nodes().configuredCount());
        f.put("nodesKnown", relay.nodes().nodes().size());
        f.put("nodesConnected", relay.nodes().connectedCount());
        f.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        f.put("uptimeSeconds", Math.max(0, nowMillis - startedMillis) / 1000);
        f.put("version", version);
        lastMillis = nowMillis;
        lastIn = in;
        lastOut = out;
        return f;
    }

    private static double round(double rate) {
        return Math.round(rate * 100) / 100.0;
    }

    /** NOT_AUTHENTICATED -> NotAuthenticated. */
    static String camel(String enumName) {
        StringBuilder b = new StringBuilder(enumName.length());
        for (String part : enumName.toLowerCase(Locale.ROOT).split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return b.toString();
    }
}

package org.opencx.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opencx.testkit.platform.BindPolicy;

/**
 * The options every scenario takes, checked ({@link ScenarioCommand} reads them).
 *
 * @param platformPort the port of the platform this generator hosts (the CS must be pointed at
 *                     it), or -1 for none: then {@code read} and {@code --baseline} are refused and
 *                     {@code push} measures the round trip only
 * @param sources      the local addresses the sessions connect from, round-robin (each has its
 *                     own ephemeral port range); empty: the system's choice
 * @param reconnectMin the devices' first reconnection back-off (drawn from half of it to all of it)
 * @param bindPolicy   the hosted platform's answer to a BIND of a thing another session holds
 * @param bulkBytes    tunnel: the bytes of a bulk transfer, through one tunnel and in all through
 *                     {@code tunnels} at once
 * @param tunnels      tunnel: tunnels at once (the parallel transfer, the heap probe)
 * @param failover     failover: the hosted cluster, which node is killed and when
 */
record Common(URI uri, String appKey, int count, double rate, Duration duration, Duration warmup, boolean compression,
              String prefix, int maxInFlight, long serverPid, Duration requestTimeout, int valueSize, String json,
              int platformPort, String csAppKey, boolean baseline, List<InetAddress> sources, Duration reconnectMin,
              BindPolicy bindPolicy, long bulkBytes, int tunnels, Kill failover) {

    /**
     * @param nodes         the platform nodes hosted here, one cluster on consecutive ports
     * @param node          the node killed, 1 to {@code nodes}
     * @param after         how far into the measured window it is killed
     * @param serverMetrics the CS's {@code /metrics} URL (its moved and replayed counters), or null
     */
    record Kill(int nodes, int node, Duration after, URI serverMetrics) {
    }

    /** {@code 4}: 127.0.0.1 to 127.0.0.4; {@code 127.0.0.5,127.0.0.6}: those; null: none (the system's choice). */
    static List<InetAddress> sources(String spec) {
        List<InetAddress> out = new ArrayList<>();
        if (spec == null) {
            return List.of();
        }
        try {
            if (spec.matches("\\d+")) {
                int n = Integer.parseInt(spec);
                if (n < 1 || n > 254) {
                    throw new IllegalArgumentException("--sources must be 1..254 loopback addresses or a list: " + spec);
                }
                for (int i = 1; i <= n; i++) {
                    out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
                }
            } else {
                for (String s : spec.split(",")) {
                    out.add(InetAddress.getByName(s.trim()));
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--sources names an unknown address: " + spec);
        }
        return List.copyOf(out);
    }

    boolean tls() {
        return "wss".equals(uri.getScheme());
    }

    boolean hostsPlatform() {
        return platformPort >= 0;
    }

    /** The sessions of one run: towards its target, under its thing-name prefix. */
    Sessions.Settings sessions(Target t) {
        return new Sessions.Settings(t.uri(), appKey, count, t.prefix(), compression, requestTimeout, sources, reconnectMin);
    }
}

package org.opencx.server;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.opencx.transport.NodePipes;
import org.opencx.transport.Relay;
import org.opencx.tunnel.PlatformTargets;
import org.opencx.tunnel.StaticPlatformTargets;
import org.opencx.tunnel.TunnelOrigins;

/**
 * Remote access toward several platform nodes (a static list of more than one, or nodes found in
 * ZooKeeper): both ends of a tunnel go to the node that sent its {@code StartTunnel} (the relay
 * saw it pass through a pipe: {@link TunnelOrigins}) while that node is connected, else, like a TWS
 * socket, to a connected node (the first with a ready pipe, else the first known; none known: 503).
 * HTTP pass-through goes over every node (handed to {@code RemoteAccess} as they come and go).
 */
final class NodePlatformTargets implements PlatformTargets {
    private final Supplier<Relay> relay;
    private final TunnelOrigins origins;

    NodePlatformTargets(Supplier<Relay> relay, TunnelOrigins origins) {
        this.relay = relay;
        this.origins = origins;
    }

    @Override
    public URI tunnel(String tid) {
        Relay r = relay.get();
        int started = origins.node(tid);
        NodePipes origin = r == null || started == 0 ? null : r.nodes().node(started);
        return origin != null && origin.anyReady() ? base(origin) : socketBase();
    }

    @Override
    public URI tws() {
        return socketBase();
    }

    /** None fixed: the nodes come and go. */
    @Override
    public URI http() {
        return null;
    }

    private URI socketBase() {
        Relay r = relay.get();
        List<NodePipes> nodes = r == null ? List.of() : r.nodes().nodes();
        NodePipes pick = nodes.stream().filter(NodePipes::anyReady).findFirst()
                .orElse(nodes.isEmpty() ? null : nodes.get(0));
        return pick == null ? null : base(pick);
    }

    private static URI base(NodePipes node) {
        return StaticPlatformTargets.from(node.uri()).sockets();
    }

    /** The {@code http(s)://host:port} base of each node's AlwaysOn URL. */
    static List<URI> httpBases(Collection<URI> nodes) {
        return nodes.stream().map(u -> StaticPlatformTargets.from(u).http()).toList();
    }
}

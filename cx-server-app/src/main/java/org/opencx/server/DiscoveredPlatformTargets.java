package org.opencx.server;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.opencx.transport.NodePipes;
import org.opencx.transport.Relay;
import org.opencx.tunnel.PlatformTargets;
import org.opencx.tunnel.StaticPlatformTargets;

/**
 * Remote access toward platform nodes found in ZooKeeper: tunnel and TWS sockets go to a node
 * connected now (the first one with a ready pipe, else the first known; none known: 503), HTTP
 * pass-through over every node (the relay's sink hands them to {@code RemoteAccess} as they come
 * and go). Sending both ends of a tunnel to the node that started it is left to the tunnel module.
 */
final class DiscoveredPlatformTargets implements PlatformTargets {
    private final Supplier<Relay> relay;

    DiscoveredPlatformTargets(Supplier<Relay> relay) {
        this.relay = relay;
    }

    @Override
    public URI tunnel(String tid) {
        return socketBase();
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
        return pick == null ? null : StaticPlatformTargets.from(pick.uri()).sockets();
    }

    /** The {@code http(s)://host:port} base of each node's AlwaysOn URL. */
    static List<URI> httpBases(Collection<URI> nodes) {
        return nodes.stream().map(u -> StaticPlatformTargets.from(u).http()).toList();
    }
}

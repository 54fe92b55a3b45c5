package org.opencx.cluster;

import java.util.List;

/**
 * What ZooKeeper holds under a base path: the Connection Servers (service {@code cxserver}) and
 * every other registration (the platform nodes), each list sorted by name.
 */
public record FleetView(String basePath, List<RegisteredServer> servers, List<RegisteredNode> others) {
    public FleetView {
        servers = List.copyOf(servers);
        others = List.copyOf(others);
    }
}

package org.opencx.testkit.edge;

import java.util.Set;

/**
 * Which tunnel targets an {@link EdgeClient} accepts in StartTunnel. The C SDK accepts any
 * {@code host:port} the platform names; {@link #ALLOW_ALL} is that, and the client's default.
 * A refused target is answered 0x83 FORBIDDEN (the SDK has no such check); with
 * {@link #DISABLED} the tunnel services do not exist and StartTunnel is answered 0x84, as by an
 * SDK built without tunnelling.
 */
@FunctionalInterface
public interface EdgeTunnelPolicy {
    /** Any target, as the C SDK. */
    EdgeTunnelPolicy ALLOW_ALL = (host, port) -> true;
    /** No tunnel services at all. */
    EdgeTunnelPolicy DISABLED = (host, port) -> false;

    boolean allows(String host, int port);

    /** Only these targets, each {@code host:port} (compared as given, no name resolution). */
    static EdgeTunnelPolicy only(Set<String> targets) {
        Set<String> allowed = Set.copyOf(targets);
        return (host, port) -> allowed.contains(host + ":" + port);
    }
}

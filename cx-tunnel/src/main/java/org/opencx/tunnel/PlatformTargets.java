package org.opencx.tunnel;

import java.net.URI;

/**
 * Where remote-access traffic goes on the platform: a base URI ({@code scheme://host:port}, no
 * path) to which the request's own path is appended. Today one platform serves everything
 * ({@link StaticPlatformTargets}); in a cluster both ends of a tunnel must reach the node that sent
 * its {@code StartTunnel}, so the choice is made per tunnel id.
 */
public interface PlatformTargets {
    /** {@code ws://} or {@code wss://} base for both ends of tunnel {@code tid}; null when no node is known (503). */
    URI tunnel(String tid);

    /** {@code ws://} or {@code wss://} base for a TWS socket; null when no node is known (503). */
    URI tws();

    /**
     * {@code http://} or {@code https://} base for pass-through requests (read once, at start); null
     * when the platform nodes come and go ({@link RemoteAccess#passThroughNodes} says which).
     */
    URI http();
}

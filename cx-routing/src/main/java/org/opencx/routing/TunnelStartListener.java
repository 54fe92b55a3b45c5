package org.opencx.routing;

/**
 * Told which platform node started a tunnel (its {@code StartTunnel} passed through a pipe), so
 * that both ends of the tunnel can be sent to that node. Called on an I/O thread: must not block.
 */
@FunctionalInterface
public interface TunnelStartListener {
    void started(String tid, int nodeId);
}

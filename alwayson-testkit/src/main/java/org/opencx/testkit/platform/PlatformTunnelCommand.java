package org.opencx.testkit.platform;

/** The commands of {@code TunnelCommandToEdge} (spec 8.3). */
public enum PlatformTunnelCommand {
    /** Open the edge's connection to the target. */
    CONNECT,
    /** Close the edge's connection to the target. */
    DISCONNECT
}

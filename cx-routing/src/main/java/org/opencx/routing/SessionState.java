package org.opencx.routing;

/** Where an edge session stands. Requests and binds are only relayed when AUTHENTICATED. */
public enum SessionState {
    /** The socket is open; no AUTH yet, or the last one was refused. */
    CONNECTED,
    /** An AUTH is on its way to the platform. */
    AUTHENTICATING,
    /** The platform accepted the edge's credentials. */
    AUTHENTICATED,
    /** The socket closed. */
    CLOSED
}

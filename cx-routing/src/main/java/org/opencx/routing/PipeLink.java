package org.opencx.routing;

import java.nio.ByteBuffer;

/** One pipe to a platform node, as routing sees it. The transport implements it; tests use fakes. */
public interface PipeLink {
    /**
     * The pipe's server-wide id: unique across every node, and never reused while the server runs,
     * so that a request in flight names its pipe without doubt even after nodes came and went.
     */
    int id();

    /** The id of the platform node the pipe goes to ({@link PlatformNode#id()}). */
    int nodeId();

    /** Authenticated and bound as the CS's gateway: usable. */
    boolean isReady();

    /** Ready and its outbound buffer is below the high water mark. */
    boolean isWritable();

    /**
     * Ready and its outbound buffer below the hard ceiling that even a session's AUTH, BIND and
     * UNBIND respect ({@link #LIFECYCLE_CEILING} times the high water mark): they may pass the
     * mark, not fill memory.
     */
    boolean takesLifecycle();

    /** The hard ceiling of a pipe's outbound buffer, in high water marks (1 MiB with the default 64k). */
    int LIFECYCLE_CEILING = 16;

    /** The platform's session id of the pipe itself (from its AUTH), for the server's own messages. */
    int sessionId();

    /**
     * Sends one complete AlwaysOn message; the pipe owns the buffer from now on.
     *
     * @return false when the pipe could not take it (its connection closed a moment ago): nothing
     *         was sent, and the caller answers the message's origin at once
     */
    boolean send(ByteBuffer message);
}

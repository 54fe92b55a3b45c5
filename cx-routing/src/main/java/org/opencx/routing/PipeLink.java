package org.opencx.routing;

import java.nio.ByteBuffer;

/** One pipe to the platform, as routing sees it. The transport implements it; tests use fakes. */
public interface PipeLink {
    /** Index of the pipe in its group, stable for the group's life. */
    int index();

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

    /** Sends one complete AlwaysOn message; the pipe owns the buffer from now on. */
    void send(ByteBuffer message);
}

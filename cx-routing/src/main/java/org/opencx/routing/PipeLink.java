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

    /** Sends one complete AlwaysOn message; the pipe owns the buffer from now on. */
    void send(ByteBuffer message);
}

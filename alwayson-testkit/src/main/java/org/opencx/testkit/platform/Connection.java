package org.opencx.testkit.platform;

import java.util.concurrent.atomic.AtomicBoolean;
import org.opencx.testkit.socket.AlwaysOnSocket;

/**
 * One WebSocket on {@code /Thingworx/WS} (or {@code /Thingworx/TWS}, where only nonce keys
 * authenticate): not yet authenticated, a direct edge (its own session),
 * or a Connection Server pipe (its own session plus membership of a pipe group). Its state changes
 * on its I/O thread; other threads only read it.
 */
final class Connection {
    private final AlwaysOnSocket socket;
    private final String remote;
    private final long openedAt;
    private final boolean temporary;
    private volatile Session own;
    private volatile String credential;
    private volatile PipeGroup pipeOf;
    private final AtomicBoolean closing = new AtomicBoolean();

    Connection(AlwaysOnSocket socket, String remote, long openedAt, boolean temporary) {
        this.socket = socket;
        this.remote = remote;
        this.openedAt = openedAt;
        this.temporary = temporary;
    }

    /** A socket on {@code /Thingworx/TWS}: its AUTH must carry a nonce key. */
    boolean temporary() {
        return temporary;
    }

    AlwaysOnSocket socket() {
        return socket;
    }

    String remote() {
        return remote;
    }

    long openedAt() {
        return openedAt;
    }

    boolean open() {
        return socket.isOpen();
    }

    /** Marks the socket as being closed by the platform; true only for the first call. */
    boolean markClosing() {
        return closing.compareAndSet(false, true);
    }

    /** The session this socket's own AUTH opened, or null before it. */
    Session own() {
        return own;
    }

    /** The application key that authenticated the socket; a secret, never logged. */
    String credential() {
        return credential;
    }

    void authenticated(Session session, String key) {
        this.own = session;
        this.credential = key;
    }

    /** The pipe group this socket belongs to, or null when it is no Connection Server pipe. */
    PipeGroup pipeOf() {
        return pipeOf;
    }

    void pipeOf(PipeGroup group) {
        this.pipeOf = group;
    }

    @Override
    public String toString() {
        PipeGroup g = pipeOf;
        Session s = own;
        String socket = temporary ? "tws socket " : "socket ";
        return g != null ? "pipe " + remote + " of cs " + g.name()
                : s != null ? "edge " + remote + " session " + Integer.toUnsignedString(s.id()) : socket + remote;
    }
}

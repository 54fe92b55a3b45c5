package org.opencx.testkit.platform;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tunnel on the platform: its id, thing and target, and its two sockets once they connect,
 * the edge's ({@code WSTunnelServer}) and the remote user's ({@code WSTunnelClient}). Bytes flow
 * once both are there; when either closes, the other is closed with the same code and reason.
 */
final class PlatformTunnel {
    /** The two ends of a tunnel. */
    enum End {
        /** {@code /Thingworx/WSTunnelServer/<tid>}, dialled by the edge. */
        EDGE,
        /** {@code /Thingworx/WSTunnelClient/<tid>}, dialled by the remote user (a Remote Access Client). */
        CLIENT
    }

    private final String tid;
    private final String thing;
    private final PlatformTunnelOptions options;
    private final long startedAt;
    private final PlatformTunnels owner;
    private final AtomicLong maxBuffered = new AtomicLong();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    // Guarded by this.
    private PlatformTunnelView.State state = PlatformTunnelView.State.STARTING;
    private PlatformTunnelLeg edge;
    private PlatformTunnelLeg client;
    private boolean over;

    PlatformTunnel(String tid, String thing, PlatformTunnelOptions options, long startedAt, PlatformTunnels owner) {
        this.tid = tid;
        this.thing = thing;
        this.options = options;
        this.startedAt = startedAt;
        this.owner = owner;
    }

    String tid() {
        return tid;
    }

    String thing() {
        return thing;
    }

    PlatformTunnelOptions options() {
        return options;
    }

    long startedAt() {
        return startedAt;
    }

    /** Completes when the tunnel has ended (its sockets closed or closing). */
    CompletableFuture<Void> ended() {
        return ended;
    }

    synchronized boolean open() {
        return state == PlatformTunnelView.State.OPEN && !over;
    }

    synchronized boolean hasEnd(End end) {
        return (end == End.EDGE ? edge : client) != null;
    }

    /** The edge accepted StartTunnel; false when the tunnel ended meanwhile. */
    synchronized boolean accepted() {
        if (over) {
            return false;
        }
        if (state == PlatformTunnelView.State.STARTING) {
            state = PlatformTunnelView.State.WAITING;
        }
        return true;
    }

    /**
     * Attaches a socket to its end; with both there, the tunnel opens and bytes flow.
     *
     * @return null when attached, else why not (the tunnel ended, or that end is taken)
     */
    String attach(End end, PlatformTunnelLeg leg) {
        synchronized (this) {
            if (over) {
                return "the tunnel has ended";
            }
            if ((end == End.EDGE ? edge : client) != null) {
                return "the " + end.name().toLowerCase() + " end of tunnel " + tid + " is connected already";
            }
            if (end == End.EDGE) {
                edge = leg;
            } else {
                client = leg;
            }
            if (edge == null || client == null) {
                return null;
            }
            state = PlatformTunnelView.State.OPEN;
        }
        edge.start(client);
        client.start(edge);
        owner.changed(this, "open: " + edge.remote() + " <-> " + client.remote());
        return null;
    }

    /**
     * One socket of the tunnel closed (or was dropped): the other is closed with the same code and
     * reason. Sockets refused by {@link #attach} are none of the tunnel's and change nothing.
     */
    void closedBy(PlatformTunnelLeg leg, int code, String reason) {
        boolean edgeMissing;
        synchronized (this) {
            if ((leg.end() == End.EDGE ? edge : client) != leg) {
                return;
            }
            edgeMissing = edge == null;
        }
        end(code, reason == null ? "" : reason, leg.end() == End.CLIENT && edgeMissing);
    }

    /**
     * The edge reported DISCONNECT or CANCEL: its socket is closed after what it sent before is
     * relayed; its close, coming back, closes the remote user's socket. Without an edge socket the
     * tunnel ends at once.
     */
    void edgeStopped(String reason) {
        PlatformTunnelLeg e;
        synchronized (this) {
            if (over) {
                return;
            }
            e = edge;
        }
        if (e != null) {
            e.close(PlatformTunnels.CLOSE_NORMAL, reason);
            owner.closeLater(this);
        } else {
            end(PlatformTunnels.CLOSE_NORMAL, reason, false);
        }
    }

    /**
     * Ends the tunnel once: it leaves the table, both sockets get a close frame with this code and
     * reason (a socket that closed already is left alone), and, when asked, the edge is told with
     * CompleteTunnel (for an edge whose socket has not connected, which would otherwise linger).
     */
    void end(int code, String reason, boolean tellEdge) {
        PlatformTunnelLeg e;
        PlatformTunnelLeg c;
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            e = edge;
            c = client;
        }
        if (e != null) {
            e.close(code, reason);
        }
        if (c != null) {
            c.close(code, reason);
        }
        if (tellEdge) {
            owner.completeOnEdge(this, reason);
        }
        owner.removed(this, code + " " + reason);
        owner.closeLater(this);
        ended.complete(null);
    }

    /** Drops both sockets (after the close wait, for peers that never answer the close frame). */
    void abortSockets() {
        PlatformTunnelLeg e;
        PlatformTunnelLeg c;
        synchronized (this) {
            e = edge;
            c = client;
        }
        if (e != null) {
            e.abort();
        }
        if (c != null) {
            c.abort();
        }
    }

    synchronized boolean socketsOpen() {
        return (edge != null && edge.isOpen()) || (client != null && client.isOpen());
    }

    void noteBuffered() {
        maxBuffered.accumulateAndGet(buffered(), Math::max);
    }

    private long buffered() {
        PlatformTunnelLeg e;
        PlatformTunnelLeg c;
        synchronized (this) {
            e = edge;
            c = client;
        }
        return (e == null ? 0 : e.unwritten()) + (c == null ? 0 : c.unwritten());
    }

    /** The peer name for CompleteTunnel: the remote user's address, when known. */
    synchronized String peerName() {
        return client == null ? "ReferencePlatform" : client.remote();
    }

    PlatformTunnelView view() {
        PlatformTunnelLeg e;
        PlatformTunnelLeg c;
        PlatformTunnelView.State s;
        synchronized (this) {
            e = edge;
            c = client;
            s = state;
        }
        return new PlatformTunnelView(tid, thing, options.host(), options.port(), s, e != null && e.isOpen(),
                c != null && c.isOpen(), e == null ? 0 : e.relayedIn(), c == null ? 0 : c.relayedIn(), buffered(),
                maxBuffered.get(), (e == null ? 0 : e.pauses()) + (c == null ? 0 : c.pauses()),
                Instant.ofEpochMilli(startedAt));
    }

    @Override
    public String toString() {
        return "tunnel " + tid + " of " + thing + " to " + options.target();
    }
}

package org.opencx.tunnel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The caps on proxied sockets: tunnels counted by tunnel id (both ends, and each end's sockets, are
 * one tunnel; one id holds at most {@code maxSocketsPerTunnel} sockets), TWS sockets by number. A
 * socket holds a {@link Lease} from before the platform is dialled until it has closed.
 */
final class Admission {
    private final int maxTunnels;
    private final int maxSocketsPerTunnel;
    private final int maxTws;
    private final Map<String, Integer> socketsByTid = new HashMap<>();
    private int twsSockets;

    Admission(int maxTunnels, int maxSocketsPerTunnel, int maxTws) {
        this.maxTunnels = maxTunnels;
        this.maxSocketsPerTunnel = maxSocketsPerTunnel;
        this.maxTws = maxTws;
    }

    /** A slot for a socket on {@code path}, or null when its cap is reached ({@link #whyFull} says which). */
    synchronized Lease tryAdmit(SocketPath path) {
        if (path.tid() == null) {
            if (twsSockets >= maxTws) {
                return null;
            }
            twsSockets++;
            return new Lease(this::releaseTws);
        }
        Integer held = socketsByTid.get(path.tid());
        if (held == null ? socketsByTid.size() >= maxTunnels : held >= maxSocketsPerTunnel) {
            return null;
        }
        socketsByTid.merge(path.tid(), 1, Integer::sum);
        return new Lease(() -> releaseTunnel(path.tid()));
    }

    /** Why {@link #tryAdmit} refused {@code path}: the cap and the key that sets it. */
    String whyFull(SocketPath path) {
        if (path.tid() == null) {
            return maxTws + " TWS sockets are open (cx-server.protocol.http-client.max-websockets)";
        }
        synchronized (this) {
            if (socketsByTid.containsKey(path.tid())) {
                return "tunnel " + path.tid() + " already has " + maxSocketsPerTunnel + " sockets";
            }
        }
        return maxTunnels + " tunnels are open (cx-server.tunneling.max-concurrent-tunnels)";
    }

    /** Tunnels holding at least one socket (connected or connecting). */
    synchronized int openTunnels() {
        return socketsByTid.size();
    }

    /** TWS sockets connected or connecting. */
    synchronized int openTwsSockets() {
        return twsSockets;
    }

    private synchronized void releaseTws() {
        twsSockets--;
    }

    private synchronized void releaseTunnel(String tid) {
        socketsByTid.computeIfPresent(tid, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** One socket's slot; released once, whoever releases it first. */
    static final class Lease {
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Runnable release) {
            this.release = release;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}

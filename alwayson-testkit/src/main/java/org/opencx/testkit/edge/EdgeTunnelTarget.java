package org.opencx.testkit.edge;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.opencx.testkit.socket.TextTunnelLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * A tunnel's TCP connection to its target, with the state the C SDK keeps for it: the connect
 * attempts left ({@code num_connects}, negative for no limit) and whether the platform's side asked
 * for a connection ("disconnected by peer": true at first, and after a DISCONNECT command). Each
 * connection gets a reader thread that hands what it reads to {@link Events#read}.
 */
final class EdgeTunnelTarget {
    private static final Logger log = LoggerFactory.getLogger(EdgeTunnelTarget.class);

    /** What a connection attempt, or the need of one, came to. */
    enum Outcome {
        /** Connected now (or already). */
        CONNECTED,
        /** The attempt failed. */
        FAILED,
        /** No attempt left. */
        EXHAUSTED,
        /** Nothing to do: closed, and nobody asked for a connection. */
        IDLE
    }

    /** What the connection reports. */
    interface Events {
        /** Bytes read from the target; may block (backpressure). */
        void read(byte[] buffer, int length) throws IOException, InterruptedException;

        /** The connection ended without the edge closing it: the target closed it, or reading or writing failed. */
        void lost(String why);

        /** The connection opened or closed. */
        void changed();
    }

    private final EdgeTunnelParams params;
    private final Duration connectTimeout;
    private final Executor threads;
    private final Events events;
    // Guarded by this.
    private Socket local;
    private int attemptsLeft;
    private int connects;
    private boolean disconnectedByPeer = true;
    private boolean closed;

    EdgeTunnelTarget(EdgeTunnelParams params, Duration connectTimeout, Executor threads, Events events) {
        this.params = params;
        this.connectTimeout = connectTimeout;
        this.threads = threads;
        this.events = events;
        this.attemptsLeft = params.numConnects();
    }

    synchronized boolean connected() {
        return local != null;
    }

    synchronized int connects() {
        return connects;
    }

    synchronized boolean exhausted() {
        return attemptsLeft == 0;
    }

    /**
     * The SDK's tasker pass over the tunnel: when closed and asked for, connect. A failed attempt
     * flags the connection as lost by the edge (the SDK's next pass then reports DISCONNECT).
     */
    synchronized Outcome taskerPass() {
        if (local != null || !disconnectedByPeer) {
            return local != null ? Outcome.CONNECTED : Outcome.IDLE;
        }
        Outcome o = attempt();
        if (o == Outcome.FAILED) {
            disconnectedByPeer = false;
        }
        return o;
    }

    /** Data came for the target: connected, or connect now. */
    synchronized Outcome forData() {
        return local != null ? Outcome.CONNECTED : attempt();
    }

    /** CONNECT from the platform: a new connection (the open one closed first), if an attempt is left. */
    synchronized Outcome reconnect() {
        if (attemptsLeft == 0) {
            return Outcome.EXHAUSTED;
        }
        Socket old = local;
        local = null;
        IoUtils.safeClose(old);
        return attempt();
    }

    /** DISCONNECT from the platform: closes the connection; the next tasker pass connects again. */
    void disconnect() {
        close(false);
        synchronized (this) {
            disconnectedByPeer = true;
        }
    }

    /** Writes to the target; a failure ends the connection ({@link Events#lost}). */
    void write(byte[] data) {
        Socket s;
        synchronized (this) {
            s = local;
        }
        if (s == null) {
            return;
        }
        try {
            s.getOutputStream().write(data);
        } catch (IOException e) {
            ended(s, "write failed: " + e.getMessage());
        }
    }

    /** Closes the connection; {@code forGood}: no connection is made any more. */
    void close(boolean forGood) {
        Socket s;
        synchronized (this) {
            s = local;
            local = null;
            closed |= forGood;
        }
        if (s != null) {
            IoUtils.safeClose(s);
            events.changed();
        }
    }

    private Outcome attempt() {
        if (closed) {
            return Outcome.IDLE;
        }
        if (attemptsLeft == 0) {
            return Outcome.EXHAUSTED;
        }
        if (attemptsLeft > 0) {
            attemptsLeft--;
        }
        connects++;
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(params.host(), params.port()), (int) connectTimeout.toMillis());
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            IoUtils.safeClose(s);
            log.info("tunnel {}: cannot connect to {}: {}", params.tid(), params.target(), e.getMessage());
            return Outcome.FAILED;
        }
        // Set before the reader starts: an immediate end of the connection then finds it current.
        local = s;
        try {
            threads.execute(() -> read(s));
        } catch (RejectedExecutionException e) {
            local = null;
            IoUtils.safeClose(s);
            return Outcome.FAILED;
        }
        disconnectedByPeer = false;
        events.changed();
        log.debug("tunnel {}: connected to {}", params.tid(), params.target());
        return Outcome.CONNECTED;
    }

    /** Reads the target until it ends, handing on what it reads. */
    private void read(Socket s) {
        byte[] buffer = new byte[params.chunksize() - TextTunnelLimits.SDK_CHUNK_RESERVE];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                events.read(buffer, n);
            }
            ended(s, "the target closed the connection");
        } catch (IOException e) {
            ended(s, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended(s, "interrupted");
        }
    }

    private void ended(Socket s, String why) {
        synchronized (this) {
            if (local != s) {
                return; // closed on purpose, or already replaced
            }
            local = null;
            disconnectedByPeer = false;
        }
        IoUtils.safeClose(s);
        events.changed();
        events.lost(why);
    }
}

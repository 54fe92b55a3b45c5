package org.opencx.testkit.remote;

import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opencx.testkit.socket.TextTunnelChannel;
import org.opencx.testkit.socket.TextTunnelLimits;
import org.opencx.testkit.socket.WebSocketDialer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoFuture;
import org.xnio.IoUtils;

/**
 * One accepted local connection and its tunnel: asks the platform for a tunnel (REST), opens
 * {@code /Thingworx/WSTunnelClient/<tid>} (the application key, or a fresh nonce key, in the
 * {@code appKey} header; no compression), then moves bytes both ways as the edge does, Base64 text
 * messages of at most chunksize - 16 raw bytes, read no faster than the other side drains. When
 * the local connection ends the tunnel socket is closed (1000), and when the tunnel socket closes
 * the local connection is closed.
 */
final class RemoteTunnelSession {
    private static final Logger log = LoggerFactory.getLogger(RemoteTunnelSession.class);
    static final String CLIENT_PATH = "/Thingworx/WSTunnelClient/";
    static final int CLOSE_NORMAL = 1000;
    static final String LOCAL_CLOSED = "Normal Close Remote peer closed";

    private final Socket local;
    private final RemoteAccessSettings settings;
    private final TunnelRestCalls rest;
    private final Executor threads;
    private final Runnable onEnd;
    private final String peer;
    private volatile String tid;
    private volatile TextTunnelChannel channel;
    private final AtomicBoolean ended = new AtomicBoolean();

    RemoteTunnelSession(Socket local, RemoteAccessSettings settings, TunnelRestCalls rest, Executor threads,
                        Runnable onEnd) {
        this.local = local;
        this.settings = settings;
        this.rest = rest;
        this.threads = threads;
        this.onEnd = onEnd;
        this.peer = local.getRemoteSocketAddress().toString();
    }

    RemoteTunnelView view() {
        TextTunnelChannel c = channel;
        return new RemoteTunnelView(tid, peer, c == null ? RemoteTunnelView.State.OPENING : RemoteTunnelView.State.OPEN,
                c == null ? 0 : c.bytesSent(), c == null ? 0 : c.bytesReceived(), c == null ? 0 : c.bufferedBytes(),
                c == null ? 0 : c.maxBufferedBytes(), c == null ? 0 : c.pauses());
    }

    /** Runs the session on the calling thread (which then reads the local connection) until it ends. */
    void run() {
        try {
            channel = open();
        } catch (IOException e) {
            log.warn("local connection {}: no tunnel: {}", peer, e.getMessage());
            end();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end();
            return;
        }
        try {
            threads.execute(this::writeLocal);
        } catch (RejectedExecutionException e) {
            channel.close(CLOSE_NORMAL, LOCAL_CLOSED);
            end();
            return;
        }
        readLocal();
    }

    private TextTunnelChannel open() throws IOException, InterruptedException {
        tid = rest.startTunnel();
        String key = settings.nonceForTunnels() ? rest.nonceKey() : settings.appKey();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Max-Frame-Size", Integer.toString(TextTunnelLimits.maxFrameSize(settings.chunksize())));
        headers.put("appKey", key);
        URI base = settings.tunnelUri();
        URI uri;
        try {
            uri = new URI(base.getScheme(), null, base.getHost(), base.getPort(), CLIENT_PATH + tid, null, null);
        } catch (URISyntaxException e) {
            throw new IOException("no URI for tunnel " + tid, e);
        }
        IoFuture<WebSocketChannel> f;
        try {
            f = WebSocketDialer.dial(uri, headers, settings.sslContext(), null, false);
        } catch (RuntimeException e) {
            throw new IOException("tunnel socket not opened: " + e.getMessage(), e);
        }
        if (f.await(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS) != IoFuture.Status.DONE) {
            f.cancel();
            throw new IOException("tunnel socket " + tid + " not opened: " + (f.getStatus() == IoFuture.Status.FAILED
                    ? f.getException().getMessage() : "no upgrade within " + settings.requestTimeout().toMillis() + " ms"));
        }
        TextTunnelLimits limits = TextTunnelLimits.forChunkSize(settings.chunksize(), settings.bufferedChunks());
        TextTunnelChannel c = TextTunnelChannel.open(f.get(), limits, settings.clock(), (ch, code, reason, byPeer) ->
                log.info("tunnel {}: socket closed ({} {})", tid, code, reason));
        log.info("local connection {}: tunnel {} open to {}:{} of {}", peer, tid, settings.targetHost(),
                settings.targetPort(), settings.thing());
        return c;
    }

    private void readLocal() {
        byte[] buffer = new byte[settings.chunksize() - TextTunnelLimits.SDK_CHUNK_RESERVE];
        try (InputStream in = local.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                channel.send(buffer, 0, n);
            }
        } catch (IOException e) {
            log.debug("tunnel {}: local connection ended: {}", tid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close(CLOSE_NORMAL, LOCAL_CLOSED);
        end();
    }

    private void writeLocal() {
        try (OutputStream out = local.getOutputStream()) {
            byte[] data;
            while ((data = channel.take()) != null) {
                out.write(data);
            }
        } catch (IOException e) {
            log.debug("tunnel {}: writing the local connection failed: {}", tid, e.getMessage());
            channel.close(CLOSE_NORMAL, LOCAL_CLOSED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        end();
    }

    /** Closes the local connection (so the reader ends too); runs the end task once. */
    private void end() {
        IoUtils.safeClose(local);
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }

    void abort() {
        TextTunnelChannel c = channel;
        if (c != null) {
            c.abort();
        }
        IoUtils.safeClose(local);
    }
}

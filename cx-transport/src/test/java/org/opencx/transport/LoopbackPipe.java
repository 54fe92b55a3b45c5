package org.opencx.transport;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A real Undertow WebSocket server on loopback and a pipe's channel to it (opened as the pipes open
 * theirs, one I/O thread), for tests of what sits on a pipe's channel; with counters of the reads
 * and writes that reach the client's socket.
 */
final class LoopbackPipe implements AutoCloseable {
    private final Undertow server;
    private final XnioWorker worker;
    private final AtomicLong socketReads = new AtomicLong();
    private final AtomicLong socketWrites = new AtomicLong();
    private WebSocketChannel client;

    /** @param serverSide what the server does with each connection */
    LoopbackPipe(WebSocketConnectionCallback serverSide) throws IOException {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(Handlers.websocket(serverSide)).build();
        server.start();
        worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1, Options.THREAD_DAEMON, true));
    }

    /** Connects the client, its socket's reads and writes counted from then on (counting starts before any listener). */
    WebSocketChannel connect() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort() + "/");
        client = PlatformSockets.builder(worker, new DefaultByteBufferPool(true, 16 * 1024), uri, null).connect().get();
        onIoThread(() -> {
            StreamConnection c = DrainedReads.connectionOf(client);
            c.getSourceChannel().setConduit(new CountedReads(c.getSourceChannel().getConduit()));
            c.getSinkChannel().setConduit(new CountedWrites(c.getSinkChannel().getConduit()));
            return null;
        });
        return client;
    }

    /** Runs {@code task} on the client's I/O thread and waits for it. */
    <T> T onIoThread(Callable<T> task) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        client.getIoThread().execute(() -> {
            try {
                done.complete(task.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    WebSocketChannel client() {
        return client;
    }

    long socketReads() {
        return socketReads.get();
    }

    long socketWrites() {
        return socketWrites.get();
    }

    @Override
    public void close() {
        IoUtils.safeClose(client);
        server.stop();
        worker.shutdownNow();
    }

    private final class CountedReads extends AbstractStreamSourceConduit<StreamSourceConduit> {
        CountedReads(StreamSourceConduit next) {
            super(next);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            socketReads.incrementAndGet();
            return next.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            socketReads.incrementAndGet();
            return next.read(dsts, offs, len);
        }
    }

    private final class CountedWrites extends AbstractStreamSinkConduit<StreamSinkConduit> {
        CountedWrites(StreamSinkConduit next) {
            super(next);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            socketWrites.incrementAndGet();
            return next.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
            socketWrites.incrementAndGet();
            return next.write(srcs, offs, len);
        }
    }
}

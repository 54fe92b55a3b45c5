package org.opencx.transport;

import io.undertow.server.protocol.framed.AbstractFramedChannel;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Buffers;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A pipe's reads without the empty read per frame. Undertow's framed channel reads its socket each
 * time it takes a frame, also when the frame is already in its buffer: a pipe's read brings many
 * of the platform's answers at once, and each one after the first cost a read that found nothing
 * (about one such system call per relayed message, measured with {@code perf stat}). This conduit,
 * on top of the pipe's source chain, remembers that the last read left the socket empty (it
 * returned fewer bytes than there was room for) and answers 0 without a system call until the
 * selector reports the socket readable again (its read-ready handler runs) or reads are resumed or
 * woken. The selector is level-triggered, so bytes that arrive meanwhile are reported at its next
 * pass: nothing waits longer than that pass.
 */
final class DrainedReads extends AbstractStreamSourceConduit<StreamSourceConduit> {
    private static final Logger log = LoggerFactory.getLogger(DrainedReads.class);
    /** {@code AbstractFramedChannel.getUnderlyingConnection()}, protected in Undertow; null when not reachable. */
    private static final MethodHandle UNDERLYING = underlying();

    /**
     * The last read left the socket empty, and nothing said it has more since: set by reads (on the
     * I/O thread), cleared there by the selector and by whichever thread resumes or wakes reads.
     */
    private volatile boolean drained;

    private DrainedReads(StreamSourceConduit next) {
        super(next);
    }

    /**
     * Puts the conduit on top of {@code channel}'s source chain, on the channel's I/O thread (at
     * once when called there, else as its next task: no read runs while the chain changes). False
     * (and nothing changed) when Undertow's connection is not reachable.
     */
    static boolean install(WebSocketChannel channel) {
        StreamConnection connection = connectionOf(channel);
        if (connection == null) {
            return false;
        }
        XnioIoThread thread = channel.getIoThread();
        if (Thread.currentThread() == thread) {
            putOn(connection.getSourceChannel());
        } else {
            thread.execute(() -> putOn(connection.getSourceChannel()));
        }
        return true;
    }

    private static void putOn(ConduitStreamSourceChannel source) {
        DrainedReads conduit = new DrainedReads(source.getConduit());
        source.setConduit(conduit);
        conduit.setReadReadyHandler(new ReadReadyHandler.ChannelListenerHandler<>(source));
    }

    /** The connection under {@code channel}, or null when Undertow does not let it be reached. */
    static StreamConnection connectionOf(WebSocketChannel channel) {
        if (UNDERLYING == null) {
            return null;
        }
        try {
            return (StreamConnection) UNDERLYING.invoke(channel);
        } catch (Throwable e) {
            log.debug("pipe reads stay as Undertow does them: {}", e.toString());
            return null;
        }
    }

    private static MethodHandle underlying() {
        try {
            return MethodHandles.privateLookupIn(AbstractFramedChannel.class, MethodHandles.lookup())
                    .findVirtual(AbstractFramedChannel.class, "getUnderlyingConnection", MethodType.methodType(StreamConnection.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("pipe reads stay as Undertow does them (its connection is not reachable: {})", e.toString());
            return null;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int room = dst.remaining();
        if (drained && room > 0) {
            return 0;
        }
        int n = next.read(dst);
        drained = n >= 0 && n < room;
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        long room = Buffers.remaining(dsts, offs, len);
        if (drained && room > 0) {
            return 0;
        }
        long n = next.read(dsts, offs, len);
        drained = n >= 0 && n < room;
        return n;
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        drained = false;
        return next.transferTo(count, throughBuffer, target);
    }

    @Override
    public void resumeReads() {
        drained = false;
        next.resumeReads();
    }

    @Override
    public void wakeupReads() {
        drained = false;
        next.wakeupReads();
    }

    @Override
    public void setReadReadyHandler(ReadReadyHandler handler) {
        next.setReadReadyHandler(new ReadReadyHandler() {
            @Override
            public void readReady() {
                drained = false;
                handler.readReady();
            }

            @Override
            public void forceTermination() {
                handler.forceTermination();
            }

            @Override
            public void terminated() {
                handler.terminated();
            }
        });
    }
}

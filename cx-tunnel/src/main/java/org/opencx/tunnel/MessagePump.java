package org.opencx.tunnel;

import io.undertow.websockets.core.StreamSinkFrameChannel;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;

/**
 * Streams the data messages one socket receives into the other, one message at a time, frame by
 * frame, nothing decoded: the type (text or binary) and the bytes pass unchanged, the frames are cut
 * anew so that none exceeds the receiver's limit.
 *
 * <p>Memory is bounded per direction whatever the two ends' speeds: a staging buffer of
 * {@code limit + 1} bytes, and the one frame Undertow is writing (at most {@code limit} bytes).
 * While that frame is unwritten the source socket's receives are suspended, so a slow receiver
 * slows the sender down through TCP instead of filling the heap. A frame is only cut once a byte
 * after it is known to exist, or the message's end: a fragmented message never ends with an empty
 * frame (which the C SDK ignores, losing the message).
 *
 * <p>Every method runs on the source socket's I/O thread; the sink's write listener, called on the
 * destination's thread, only hands back to it.
 */
final class MessagePump {
    /** What the pump tells its forwarder, on the source socket's I/O thread. */
    interface Events {
        /** Payload bytes taken from the source socket. */
        void read(int bytes);

        /** A frame of this many payload bytes is written to the destination. */
        void written(int bytes);

        /** The message is through; the pump is idle. */
        void done();

        /** The message could not be passed on; the pump is idle. */
        void failed(IOException e);
    }

    private final WebSocketChannel from;
    private final WebSocketChannel to;
    private final int limit;
    private final Events events;
    private final ByteBuffer staging;
    private final ChannelListener<StreamSinkFrameChannel> sinkWritable = this::sinkWritable;
    private final ChannelListener<StreamSourceFrameChannel> sourceReadable = this::sourceReadable;

    private StreamSourceFrameChannel source;
    private StreamSinkFrameChannel sink;
    private boolean sourceEnded;
    private boolean finalQueued;
    private int inFlight;
    private volatile int buffered;
    private volatile int peakBuffered;

    MessagePump(WebSocketChannel from, WebSocketChannel to, int limit, Events events) {
        this.from = from;
        this.to = to;
        this.limit = limit;
        this.events = events;
        this.staging = ByteBuffer.allocate(limit + 1);
    }

    boolean busy() {
        return source != null;
    }

    /** Bytes taken from the source and not yet written to the destination (staged or in the frame being written). */
    int buffered() {
        return buffered;
    }

    /** The most {@link #buffered()} ever was. */
    int peakBuffered() {
        return peakBuffered;
    }

    int limit() {
        return limit;
    }

    /** Passes {@code message} on; the pump must be idle. */
    void start(StreamSourceFrameChannel message) {
        if (busy()) {
            throw new IllegalStateException("a message is already in progress");
        }
        source = message;
        sourceEnded = false;
        finalQueued = false;
        inFlight = 0;
        staging.clear();
        try {
            sink = to.send(message.getType());
        } catch (IOException e) {
            fail(e);
            return;
        }
        run();
    }

    private void run() {
        if (source == null) {
            return;
        }
        try {
            while (true) {
                if (inFlight > 0 || finalQueued) {
                    if (!sink.flush()) {
                        awaitSink();
                        return;
                    }
                    events.written(inFlight);
                    inFlight = 0;
                    if (finalQueued) {
                        clear();
                        from.resumeReceives();
                        events.done();
                        return;
                    }
                }
                if (!sourceEnded) {
                    int n = source.read(staging);
                    if (n < 0) {
                        sourceEnded = true;
                    } else if (n > 0) {
                        publish();
                        events.read(n);
                    } else if (staging.position() <= limit) {
                        awaitSource();
                        return;
                    }
                }
                if (sourceEnded) {
                    cut(staging.position(), true);
                } else if (staging.position() > limit) {
                    cut(limit, false);
                }
                publish();
            }
        } catch (IOException | RuntimeException e) {
            fail(e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Hands the first {@code n} staged bytes to the sink as one frame, the message's last when {@code last}. */
    private void cut(int n, boolean last) throws IOException {
        staging.flip();
        int end = staging.limit();
        staging.limit(n);
        // The sink's buffer holds more than a frame, so one write takes it all and queues nothing by itself.
        sink.write(staging);
        if (staging.hasRemaining()) {
            throw new IOException("the destination took " + (n - staging.remaining()) + " of " + n + " bytes");
        }
        staging.limit(end);
        staging.compact();
        inFlight = n;
        if (last) {
            sink.shutdownWrites();
            finalQueued = true;
        }
    }

    /** A frame is being written: wait for it with the source's receives suspended. */
    private void awaitSink() {
        publish();
        from.suspendReceives();
        sink.getWriteSetter().set(sinkWritable);
        sink.resumeWrites();
    }

    /** Nothing more to read yet: receive on (continuation frames arrive through it) and wait. */
    private void awaitSource() {
        publish();
        from.resumeReceives();
        source.getReadSetter().set(sourceReadable);
        source.resumeReads();
    }

    private void sinkWritable(StreamSinkFrameChannel channel) {
        channel.suspendWrites();
        try {
            from.getIoThread().execute(this::run);
        } catch (RejectedExecutionException e) {
            // the I/O threads are stopping: the sockets go with them
        }
    }

    private void sourceReadable(StreamSourceFrameChannel channel) {
        channel.suspendReads();
        run();
    }

    private void publish() {
        int now = staging.position() + inFlight;
        buffered = now;
        if (now > peakBuffered) {
            peakBuffered = now;
        }
    }

    private void clear() {
        source = null;
        sink = null;
        inFlight = 0;
        finalQueued = false;
        staging.clear();
        buffered = 0;
    }

    private void fail(IOException e) {
        IoUtils.safeClose(source);
        IoUtils.safeClose(sink);
        clear();
        from.resumeReceives();
        events.failed(e);
    }
}

package org.opencx.tunnel;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.opencx.transport.ControlFrameBudget;
import org.opencx.transport.InboundFaults;
import org.xnio.IoUtils;
import org.xnio.Pooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one socket of a pair receives, passed to the other: data messages through a
 * {@link MessagePump}, pings and pongs as they are (the two ends keep each other alive, the proxy
 * answers none itself), and the close, with its code and reason, once the data before it is through.
 * Runs on the receiving socket's I/O thread.
 */
final class Forwarder extends AbstractReceiveListener implements MessagePump.Events {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    /** Pings and pongs on their way to a socket that does not read are dropped past this many. */
    static final int MAX_CONTROL_FRAMES_IN_FLIGHT = 8;

    private final SocketPair pair;
    private final SocketPair.Side side;
    private final WebSocketChannel from;
    private final WebSocketChannel to;
    private final MessagePump pump;
    private final ControlFrameBudget controlFrames = new ControlFrameBudget(MAX_CONTROL_FRAMES_IN_FLIGHT);
    private StreamSourceFrameChannel nextMessage;
    private StreamSourceFrameChannel pendingClose;

    Forwarder(SocketPair pair, SocketPair.Side side, WebSocketChannel from, WebSocketChannel to, int frameLimit) {
        this.pair = pair;
        this.side = side;
        this.from = from;
        this.to = to;
        this.pump = new MessagePump(from, to, frameLimit, this);
    }

    MessagePump pump() {
        return pump;
    }

    @Override
    protected void onText(WebSocketChannel channel, StreamSourceFrameChannel message) {
        onData(message);
    }

    @Override
    protected void onBinary(WebSocketChannel channel, StreamSourceFrameChannel message) {
        onData(message);
    }

    private void onData(StreamSourceFrameChannel message) {
        pair.activity();
        if (!pump.busy()) {
            pump.start(message);
        } else if (nextMessage == null) {
            // Receives are suspended while a frame is unwritten; a message can still come with a close.
            nextMessage = message;
            from.suspendReceives();
        } else {
            IoUtils.safeClose(message);
            pair.failed(side, "more than one message arrived while one was in progress");
        }
    }

    @Override
    protected void onPing(WebSocketChannel channel, StreamSourceFrameChannel frame) {
        pair.activity();
        bufferFullMessage(frame);
    }

    @Override
    protected void onPong(WebSocketChannel channel, StreamSourceFrameChannel frame) {
        pair.activity();
        bufferFullMessage(frame);
    }

    @Override
    protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        forwardControl(message, true);
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        forwardControl(message, false);
    }

    private void forwardControl(BufferedBinaryMessage message, boolean ping) {
        Pooled<ByteBuffer[]> data = message.getData();
        if (!to.isOpen() || to.isCloseFrameSent()) {
            data.close();
            return;
        }
        controlFrames.send(to, data, ping);
    }

    @Override
    protected void onClose(WebSocketChannel channel, StreamSourceFrameChannel frame) {
        if (pump.busy()) {
            // The data before the close goes first.
            pendingClose = frame;
            from.suspendReceives();
        } else {
            bufferFullMessage(frame);
        }
    }

    /**
     * The close frame, or the end of the connection (1001). Undertow answers a close itself, and
     * then ends the connection; a close that answers the proxy's own ends it here.
     */
    @Override
    protected void onCloseMessage(CloseMessage message, WebSocketChannel channel) {
        boolean answer = channel.isCloseFrameSent();
        pair.closedBy(side, message.getCode(), message.getReason());
        if (answer) {
            IoUtils.safeClose(channel);
        }
    }

    @Override
    protected void onError(WebSocketChannel channel, Throwable error) {
        int close = InboundFaults.protocolErrorClose(error);
        if (close != 0) {
            // Undertow has sent that socket its close; the other side learns of the loss as 1001.
            pair.protocolError(side, close, (error.getCause() != null ? error.getCause() : error).getMessage());
        } else {
            log.debug("{}: {} socket failed: {}", pair, side, error.toString());
        }
        IoUtils.safeClose(channel);
    }

    // ---- the pump's events ----------------------------------------------------------------------

    @Override
    public void read(int bytes) {
        pair.moved(side, bytes);
    }

    @Override
    public void written(int bytes) {
        pair.activity();
    }

    @Override
    public void done() {
        next();
    }

    @Override
    public void failed(IOException e) {
        if (pendingClose == null && from.isOpen() && to.isOpen()) {
            pair.failed(side, e.getMessage());
        }
        next();
    }

    private void next() {
        if (nextMessage != null) {
            StreamSourceFrameChannel m = nextMessage;
            nextMessage = null;
            pump.start(m);
        } else if (pendingClose != null) {
            StreamSourceFrameChannel c = pendingClose;
            pendingClose = null;
            bufferFullMessage(c);
        }
    }
}

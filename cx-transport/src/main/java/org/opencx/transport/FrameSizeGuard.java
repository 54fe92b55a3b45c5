package org.opencx.transport;

import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A data message's frame headers say how much is coming: a message that cannot fit its limit is
 * refused as soon as a header says so (its first frame's, or a continuation's), instead of being
 * read until the bytes pass the limit, or waited for when they never come. On a compressed socket
 * the frames carry deflated bytes, which can be a little more than the inflated ones: a margin is
 * allowed there, and Undertow checks the inflated size as it arrives.
 */
final class FrameSizeGuard {
    /** Told that a header says the message cannot fit; {@code which} names the frame. */
    interface TooLarge {
        void refuse(String which);
    }

    private FrameSizeGuard() {
    }

    /**
     * Watches {@code message} (its first frame just arrived on {@code socket}).
     *
     * @return false when its first frame's header already says it cannot fit (then nothing of it is read)
     */
    static boolean admit(WebSocketChannel socket, StreamSourceFrameChannel message, long limit, TooLarge tooLarge) {
        long allowed = message.getRsv() == 0 ? limit : limit + limit / 64 + 64;
        boolean open = message.isOpen(); // an empty final frame's channel may be done (closed) already
        message.setMaxStreamSize(allowed); // Undertow closes the message's channel past it, now or at a later header
        if (open && !message.isOpen()) {
            tooLarge.refuse("its first frame");
            return false;
        }
        // Otherwise the message's channel closes after its final frame, or with the socket (which is
        // then closed or has sent its own close); a close before the final frame on a socket still
        // open is the size. Its reader then fails with a ClosedChannelException.
        message.addCloseTask(m -> {
            if (!m.isFinalFragment() && !complete(m) && socket.isOpen() && !socket.isCloseFrameSent()) {
                tooLarge.refuse("a continuation frame");
            }
        });
        return true;
    }

    /**
     * Whether a message's channel closed because the message was complete. An empty final frame
     * closes it before Undertow marks it final ({@code StreamSourceFrameChannel.finalFrame}; the
     * Autobahn cases 6.1.2 and 6.2.3 showed it): it then reads as finished (-1), where a channel
     * cut off by its size limit reads as broken.
     */
    private static boolean complete(StreamSourceFrameChannel m) {
        try {
            return m.read(ByteBuffer.allocate(1)) == -1;
        } catch (IOException e) {
            return false;
        }
    }
}

package org.opencx.transport;

import io.undertow.server.protocol.framed.SendFrameHeader;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.protocol.version07.WebSocket07Channel;
import io.undertow.websockets.core.protocol.version07.WebSocket07FrameSinkChannel;
import java.nio.ByteBuffer;

/**
 * A data frame (text or binary) of a pipe, masked with the key 0 (RFC 6455 5.3: a client's frames
 * carry a mask bit and a key; XOR with 0 leaves the payload as it is, so it is not run). Undertow's
 * own sink draws a random key per frame and XORs the payload byte by byte ({@code Masker}); this one
 * writes the same header with a zero key and leaves the payload alone. Used only with
 * {@code mask-key = zero}; no extension is negotiated on a pipe, so the payload is never transformed.
 */
final class ZeroKeyFrameSink extends WebSocket07FrameSinkChannel {
    private static final int FIN = 0x80;
    private static final int MASKED = 0x80;
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private volatile boolean started;

    ZeroKeyFrameSink(WebSocket07Channel channel, WebSocketFrameType type) {
        super(channel, type);
    }

    @Override
    protected void handleFlushComplete(boolean finalFrame) {
        started = true;
        super.handleFlushComplete(finalFrame);
    }

    @Override
    protected SendFrameHeader createFrameHeader() {
        int opCode = started ? OPCODE_CONTINUATION : getType() == WebSocketFrameType.TEXT ? OPCODE_TEXT : OPCODE_BINARY;
        int rsv = opCode == OPCODE_CONTINUATION ? 0 : getRsv();
        int b0 = (isFinalFrameQueued() ? FIN : 0) | (rsv & 7) << 4 | opCode;
        long size = getBuffer().remaining();
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) b0);
        if (size <= 125) {
            header.put((byte) (size | MASKED));
        } else if (size <= 0xFFFF) {
            header.put((byte) (126 | MASKED)).putShort((short) size);
        } else {
            header.put((byte) (127 | MASKED)).putLong(size);
        }
        header.putInt(0); // the masking key: 0
        header.flip();
        return new SendFrameHeader(0, new ImmediatePooledByteBuffer(header));
    }

    @Override
    public boolean isFragmentationSupported() {
        return true;
    }

    @Override
    public boolean areExtensionsSupported() {
        return true;
    }
}

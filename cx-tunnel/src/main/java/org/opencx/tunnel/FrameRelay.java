package org.opencx.tunnel;

import io.undertow.connector.ByteBufferPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.opencx.tunnel.SocketPair.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * One direction of a socket pair, below any WebSocket layer: the bytes one connection sends are
 * written to the other as they are, frame headers parsed on the way, payloads never decoded (no
 * UTF-8 check, no unmasking: the receiving end validates). A client's masked frame reaches the
 * platform with the client's own key, valid there since the proxy is the platform's client.
 *
 * <p>A data frame longer than the receiver's limit is cut into frames of at most that many bytes:
 * new headers only, each piece of a masked frame keeping its bytes under the same key rotated by
 * the cut's offset. Control frames pass as they are; a close frame is handed to the pair, which
 * decides what goes on. A frame breaking RFC 6455 (reserved bits, reserved opcode, wrong masking,
 * a long or fragmented control frame) ends the pair with 1002, one longer than the cap with 1009.
 *
 * <p>Memory: one pooled buffer, borrowed while bytes flow and returned as soon as the source has
 * nothing more to read (a header cut in two is kept aside, at most a close frame's bytes). The
 * source is read only once everything read before is written; while the destination takes no
 * more, the source's reads are suspended, so a slow reader slows the sender through TCP.
 *
 * <p>Both connections of a pair live on one I/O thread; everything here runs on it.
 */
final class FrameRelay {
    private static final Logger log = LoggerFactory.getLogger(FrameRelay.class);
    /** Reads of one buffer's worth before the other sockets of the I/O thread are served (a fair share, 128 KiB). */
    private static final int READS_PER_TURN = 8;

    private final SocketPair pair;
    private final Side from;
    private final ConduitStreamSourceChannel source;
    private final ConduitStreamSinkChannel sink;
    private final RelayBuffer in;
    private final int limit;
    private final long maxPayload;
    private final ByteBuffer pieceHeader = ByteBuffer.allocate(FrameHeader.MAX_SIZE);
    private final ByteBuffer[] gather = new ByteBuffer[2];

    /** Written before the planned bytes: a piece's new header, or a close frame. */
    private ByteBuffer prefix;
    private boolean prefixIsClose;
    /** A close frame to write at the next frame boundary. */
    private ByteBuffer pendingClose;
    private boolean unflushed;

    /** The frame being passed: payload bytes still to come, and when it is cut, the piece's. */
    private long frameLeft;
    private boolean dataFrame;
    private FrameHeader cut;
    private long pieceLeft;
    private long frameOffset;

    private boolean sourceDone;
    private boolean endedCleanly;
    private boolean endReported;
    /** A close went to the sink: what follows is read and dropped. */
    private boolean sinkDone;
    private boolean sinkGone;

    private boolean pumping;
    private boolean again;
    /** A bug was caught once: a second one closes the connections without more care. */
    private boolean broken;
    private volatile int buffered;
    private volatile int peakBuffered;

    /**
     * @param limit      the largest payload of a frame written to the sink
     * @param maxPayload a frame from the source claiming more ends the pair with 1009
     */
    FrameRelay(SocketPair pair, Side from, ConduitStreamSourceChannel source, ConduitStreamSinkChannel sink,
               ByteBufferPool pool, int limit, long maxPayload) {
        this.pair = pair;
        this.from = from;
        this.source = source;
        this.sink = sink;
        this.in = new RelayBuffer(pool);
        this.limit = limit;
        this.maxPayload = maxPayload;
        source.setReadListener(ch -> pump());
        sink.setWriteListener(ch -> {
            ch.suspendWrites();
            pump();
        });
    }

    int limit() {
        return limit;
    }

    /** Bytes read from the source and not yet written to the sink. */
    int buffered() {
        return buffered;
    }

    int peakBuffered() {
        return peakBuffered;
    }

    /** True between frames of the sink's stream, where a control frame may go. */
    boolean atFrameBoundary() {
        return frameLeft == 0 || cut != null && pieceLeft == 0;
    }

    /** Writes {@code frame} (a close) at the next frame boundary, then drops whatever follows. */
    void sendClose(ByteBuffer frame) {
        pendingClose = frame;
        pump();
    }

    /** The source's connection is closed: what was read still goes, nothing more is read. */
    void sourceClosed() {
        sourceDone = true;
        pump();
    }

    /** The sink's connection is closed: nothing more is written. */
    void sinkClosed() {
        sinkGone = true;
        pump();
    }

    /** Moves bytes until it must wait for the source or the sink; re-entrant calls run it again. */
    void pump() {
        if (pumping) {
            again = true;
            return;
        }
        pumping = true;
        try {
            do {
                again = false;
                step();
            } while (again);
        } catch (RuntimeException e) {
            if (broken) {
                log.error("{}: proxying from the {} failed again, dropping both connections", pair,
                        from == Side.CLIENT ? "client" : "platform", e);
                pair.abort();
                return;
            }
            broken = true;
            log.error("{}: proxying from the {} failed", pair, from == Side.CLIENT ? "client" : "platform", e);
            in.dropAll();
            prefix = null;
            prefixIsClose = false;
            cut = null;
            frameLeft = 0;
            sourceDone = true;
            endedCleanly = true;
            again = true;
            pair.failed();
        } finally {
            pumping = false;
        }
        if (again) {
            pump();
        }
    }

    private void step() {
        int reads = 0;
        while (true) {
            if (sinkGone) {
                in.dropPlanned();
                prefix = null;
                prefixIsClose = false;
                pendingClose = null;
                sinkDone = true;
            }
            if (!writePlanned()) {
                if (!sourceDone) {
                    source.suspendReads();
                }
                sink.resumeWrites();
                return;
            }
            if (pendingClose != null && atFrameBoundary()) {
                prefix = pendingClose;
                prefixIsClose = true;
                pendingClose = null;
                continue;
            }
            if (classify()) {
                continue;
            }
            if (sourceDone) {
                finish();
                return;
            }
            if (reads == READS_PER_TURN) {
                // Other sockets of this I/O thread get their turn; the source is read again after them.
                in.rest();
                publish();
                source.wakeupReads();
                return;
            }
            int n = readSome();
            reads++;
            if (n == 0) {
                in.rest();
                publish();
                source.resumeReads();
                return;
            }
            if (n < 0) {
                sourceDone = true;
            }
        }
    }

    /** Writes the prefix and the planned bytes; false when the sink takes no more now. */
    private boolean writePlanned() {
        try {
            while (prefix != null || in.hasPlanned()) {
                long n = in.write(sink, prefix, gather);
                if (prefix != null && !prefix.hasRemaining()) {
                    prefix = null;
                }
                unflushed |= n > 0;
                if (n == 0 && (prefix != null || in.hasPlanned())) {
                    publish();
                    return false;
                }
            }
            if (unflushed) {
                if (!sink.flush()) {
                    publish();
                    return false;
                }
                unflushed = false;
            }
        } catch (IOException e) {
            log.debug("{}: writing to the {} failed: {}", pair, from == Side.CLIENT ? "platform" : "client",
                    e.toString());
            sinkGone = true;
            pair.sinkFailed(from);
            return true;
        }
        publish();
        if (prefixIsClose) {
            prefixIsClose = false;
            sinkDone = true;
            pair.closeSent(from);
        }
        return true;
    }

    /**
     * Looks at the bytes read: plans what goes as it is, starts the pieces of a frame to cut, hands
     * a close frame to the pair. False when nothing could be done without more bytes.
     */
    private boolean classify() {
        boolean progress = false;
        while (in.bytes() != null && in.unread() > 0) {
            if (frameLeft > 0) {
                long n = Math.min(frameLeft, in.unread());
                if (sinkDone) {
                    in.skip((int) n);
                    frameLeft -= n;
                    progress = true;
                    continue;
                }
                if (cut != null) {
                    if (pieceLeft == 0) {
                        if (in.hasPlanned() || prefix != null || pendingClose != null) {
                            return true;
                        }
                        startPiece();
                    }
                    n = Math.min(n, pieceLeft);
                    pieceLeft -= n;
                }
                in.plan((int) n);
                frameLeft -= n;
                frameOffset += n;
                if (dataFrame) {
                    pair.moved(from, n);
                }
                progress = true;
                continue;
            }
            cut = null;
            if (pendingClose != null && !sinkDone) {
                return progress;
            }
            FrameHeader h = FrameHeader.read(in.bytes(), in.scan(), in.end());
            if (h == null) {
                return progress;
            }
            if ((in.hasPlanned() || prefix != null) && !passesAsItIs(h)) {
                // Anything but a frame passed as it is starts with the sink written up to here.
                return true;
            }
            if (!acceptable(h)) {
                return true;
            }
            if (h.opcode() == FrameHeader.CLOSE) {
                int total = h.size() + (int) h.length();
                if (in.unread() < total) {
                    return progress;
                }
                ByteBuffer frame = in.take(total);
                sourceDone = true;
                endedCleanly = true;
                pair.closeReceived(from, h, frame);
                return true;
            }
            frameLeft = h.length();
            dataFrame = !h.isControl();
            frameOffset = 0;
            if (sinkDone || dataFrame && h.length() > limit) {
                // Dropped, or cut: the original header is not written.
                in.skip(h.size());
                cut = sinkDone ? null : h;
                pieceLeft = 0;
            } else {
                in.plan(h.size());
            }
            progress = true;
        }
        return progress;
    }

    private boolean passesAsItIs(FrameHeader h) {
        return !sinkDone && h.opcode() != FrameHeader.CLOSE && (h.isControl() || h.length() <= limit)
                && h.violation(from == Side.CLIENT) == null && h.length() <= maxPayload;
    }

    /** A frame against RFC 6455 or over the cap ends the pair; false then. */
    private boolean acceptable(FrameHeader h) {
        String bad = h.violation(from == Side.CLIENT);
        int code = CloseCodes.PROTOCOL_ERROR;
        if (bad == null && h.length() > maxPayload) {
            bad = "a frame of " + h.length() + " bytes, over the limit of " + maxPayload;
            code = CloseCodes.TOO_BIG;
        }
        if (bad == null) {
            return true;
        }
        in.dropAll();
        sourceDone = true;
        endedCleanly = true;
        pair.violated(from, code, bad);
        return false;
    }

    /** The next piece of the frame being cut: its header is the prefix. */
    private void startPiece() {
        pieceLeft = Math.min(limit, frameLeft);
        boolean last = pieceLeft == frameLeft;
        pieceHeader.clear();
        FrameHeader.write(pieceHeader, last && cut.fin(), frameOffset == 0 ? cut.opcode() : FrameHeader.CONTINUATION,
                pieceLeft, cut.masked(), FrameHeader.keyAt(cut.maskKey(), frameOffset));
        prefix = pieceHeader.flip();
    }

    /** Reads into the buffer; the count, 0 for nothing now, -1 at the end or on an error. */
    private int readSome() {
        int n;
        try {
            n = in.read(source);
        } catch (IOException e) {
            log.debug("{}: reading from the {} failed: {}", pair, from == Side.CLIENT ? "client" : "platform",
                    e.toString());
            return -1;
        }
        if (n > 0) {
            pair.activity();
            publish();
        }
        return n;
    }

    /** The source is done: what was not passed is dropped, and a source that ended without a close is reported. */
    private void finish() {
        in.discard();
        publish();
        if (source.isOpen()) {
            source.suspendReads();
        }
        if (!endReported) {
            endReported = true;
            if (!endedCleanly) {
                pair.sourceEnded(from, atFrameBoundary());
            }
        }
    }

    private void publish() {
        int now = in.held() + (prefix == null ? 0 : prefix.remaining());
        buffered = now;
        if (now > peakBuffered) {
            peakBuffered = now;
        }
    }
}

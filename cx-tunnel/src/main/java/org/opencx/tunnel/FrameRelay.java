package org.opencx.tunnel;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
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
    private final ByteBufferPool pool;
    private final int limit;
    private final long maxPayload;
    private final ByteBuffer pieceHeader = ByteBuffer.allocate(FrameHeader.MAX_SIZE);
    private final ByteBuffer[] gather = new ByteBuffer[2];

    /** Read bytes: [head, scan) are to be written as they are, [scan, end) not looked at yet. */
    private PooledByteBuffer pooled;
    private ByteBuffer buf;
    private int head;
    private int scan;
    private int end;
    /** An incomplete header or close frame kept while no buffer is held. */
    private byte[] carry;

    /** Written before [head, scan): a piece's new header, or a close frame. */
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
        this.pool = pool;
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
            head = scan = end;
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
                head = scan;
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
                rest();
                source.wakeupReads();
                return;
            }
            int n = readSome();
            reads++;
            if (n == 0) {
                rest();
                source.resumeReads();
                return;
            }
            if (n < 0) {
                sourceDone = true;
            }
        }
    }

    /** Writes the prefix and [head, scan); false when the sink takes no more now. */
    private boolean writePlanned() {
        try {
            while (prefix != null || head < scan) {
                long n;
                if (head < scan) {
                    buf.limit(scan).position(head);
                    if (prefix != null) {
                        gather[0] = prefix;
                        gather[1] = buf;
                        n = sink.write(gather, 0, 2);
                        gather[0] = null;
                        gather[1] = null;
                    } else {
                        n = sink.write(buf);
                    }
                    head = buf.position();
                } else {
                    n = sink.write(prefix);
                }
                if (prefix != null && !prefix.hasRemaining()) {
                    prefix = null;
                }
                unflushed |= n > 0;
                if (n == 0 && (prefix != null || head < scan)) {
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
        if (buf != null) {
            buf.limit(buf.capacity());
        }
        while (buf != null && scan < end) {
            if (frameLeft > 0) {
                long n = Math.min(frameLeft, end - scan);
                if (sinkDone) {
                    head = scan += (int) n;
                    frameLeft -= n;
                    progress = true;
                    continue;
                }
                if (cut != null) {
                    if (pieceLeft == 0) {
                        if (head != scan || prefix != null || pendingClose != null) {
                            return true;
                        }
                        startPiece();
                    }
                    n = Math.min(n, pieceLeft);
                    pieceLeft -= n;
                }
                scan += (int) n;
                frameLeft -= n;
                frameOffset += n;
                if (dataFrame) {
                    pair.moved(from, n);
                }
                progress = true;
                continue;
            }
            if (cut != null) {
                cut = null;
            }
            if (pendingClose != null && !sinkDone) {
                return progress;
            }
            FrameHeader h = FrameHeader.read(buf, scan, end);
            if (h == null) {
                return progress;
            }
            if (head != scan || prefix != null) {
                // Anything but a frame passed as it is starts with the sink written up to here.
                if (!passesAsItIs(h)) {
                    return true;
                }
            }
            if (!acceptable(h)) {
                return true;
            }
            if (h.opcode() == FrameHeader.CLOSE) {
                int total = h.size() + (int) h.length();
                if (end - scan < total) {
                    return progress;
                }
                ByteBuffer frame = ByteBuffer.allocate(total);
                buf.limit(scan + total).position(scan);
                frame.put(buf).flip();
                buf.limit(buf.capacity());
                head = scan += total;
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
                head = scan += h.size();
                cut = sinkDone ? null : h;
                pieceLeft = 0;
            } else {
                scan += h.size();
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
        head = scan = end;
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

    /** Reads into the buffer (borrowing one if none is held); the count, 0 for nothing now, -1 at the end. */
    private int readSome() {
        if (buf == null) {
            pooled = pool.allocate();
            buf = pooled.getBuffer();
            buf.clear();
            head = scan = end = 0;
            if (carry != null) {
                buf.put(carry);
                end = carry.length;
                carry = null;
            }
        } else if (head == end) {
            head = scan = end = 0;
        } else if (head > 0) {
            buf.limit(end).position(head);
            buf.compact();
            end -= head;
            scan -= head;
            head = 0;
        }
        if (end == buf.capacity()) {
            throw new IllegalStateException("an I/O buffer of " + buf.capacity() + " bytes holds no whole header");
        }
        buf.limit(buf.capacity()).position(end);
        int n;
        try {
            n = source.read(buf);
        } catch (IOException e) {
            log.debug("{}: reading from the {} failed: {}", pair, from == Side.CLIENT ? "client" : "platform",
                    e.toString());
            return -1;
        }
        if (n > 0) {
            end += n;
            pair.activity();
            publish();
        }
        return n;
    }

    /** Nothing read for now: the buffer goes back to the pool (an incomplete header aside) until the source is read again. */
    private void rest() {
        if (end > scan) {
            carry = new byte[end - scan];
            buf.limit(end).position(scan);
            buf.get(carry);
        }
        release();
    }

    /** The source is done: what was not passed is dropped, and a source that ended without a close is reported. */
    private void finish() {
        release();
        carry = null;
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

    private void release() {
        if (pooled != null) {
            pooled.close();
            pooled = null;
            buf = null;
        }
        head = scan = end = 0;
        publish();
    }

    private void publish() {
        int now = end - head + (prefix == null ? 0 : prefix.remaining());
        buffered = now;
        if (now > peakBuffered) {
            peakBuffered = now;
        }
    }
}

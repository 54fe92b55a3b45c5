package org.opencx.transport;

import org.opencx.config.EdgeEndpointSettings;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketMessages;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.MultipartAssembler;
import org.opencx.alwayson.MultipartLimits;
import org.opencx.alwayson.MultipartSplitter;
import org.opencx.alwayson.ProtocolException;
import org.opencx.routing.EdgeLink;
import org.opencx.routing.EdgeSession;
import org.opencx.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;

/**
 * One edge WebSocket. Inbound: chunks are reassembled, complete messages go to the router.
 * Outbound: a message larger than the edge's {@code Max-Frame-Size} (less the deflate reserve on a
 * compressed socket) is split into AlwaysOn chunks, each sent as one complete WebSocket message,
 * so no frame ever exceeds the limit; bytes waiting to be written are bounded, and a socket that
 * stops reading is closed. Its deadlines (no AUTH, nothing received) measure the edge's silence,
 * not the server's backlog: before a socket is closed for one, what has arrived on it is read.
 */
final class EdgeSocket extends InboundListener implements EdgeLink {
    private static final Logger log = LoggerFactory.getLogger(EdgeSocket.class);
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_POLICY = 1008;
    static final int CLOSE_TOO_BIG = 1009;
    static final int CLOSE_TRY_AGAIN = 1013;
    /** Pongs waiting to be written at most ({@link ControlFrameBudget}). */
    static final int MAX_PONGS_IN_FLIGHT = 8;
    /** Frames read at most before a socket is closed for its silence (pings may come before an AUTH). */
    private static final int DRAIN_FRAMES = 16;
    /** The payload of the aliveness check's unsolicited pongs. */
    static final byte[] ALIVENESS_PAYLOAD = "cx-alive".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final WebSocketChannel channel;
    private final Router router;
    private final EdgeEndpointSettings settings;
    private final TransportCounters counters;
    private final Clock clock;
    private final MultipartSplitter splitter;
    private final MultipartAssembler assembler;
    private final QueuedBytes queued = new QueuedBytes();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ControlFrameBudget pongs = new ControlFrameBudget(MAX_PONGS_IN_FLIGHT);
    private final boolean compressed;
    private final String description;
    private final long openedAtMillis;
    private final String tooLargeBinary;
    private final String tooLargeText;
    /** The connection's admission, through its opening with the first message the edge is sent; null when none. */
    private final ConnectionTicket ticket;
    /** A look at the socket's silence is queued on its I/O thread. */
    private final AtomicBoolean silenceCheck = new AtomicBoolean();
    private volatile EdgeSession session;
    /** Set by every write, cleared by the aliveness check (a flag: the hot path reads no clock for it). */
    private volatile boolean wroteSinceCheck;
    /** When the aliveness check last saw a write or sent a pong; touched by the timer thread only. */
    private long lastOutboundMillis;

    EdgeSocket(WebSocketChannel channel, int frameSize, boolean compressed, Router router, EdgeEndpointSettings settings,
               TransportCounters counters, Clock clock, ConnectionTicket ticket) {
        super(clock, reassembly(settings));
        this.ticket = ticket;
        this.channel = channel;
        this.router = router;
        this.settings = settings;
        this.counters = counters;
        this.clock = clock;
        this.splitter = new MultipartSplitter(frameSize, settings.maxMessageSize(), compressed ? settings.deflateReserve() : 0);
        this.assembler = new MultipartAssembler(reassembly(settings), clock);
        this.compressed = compressed;
        this.description = String.valueOf(channel.getSourceAddress()) + (compressed ? " deflate" : "") + " frame=" + frameSize;
        this.openedAtMillis = clock.millis();
        this.lastOutboundMillis = openedAtMillis;
        this.tooLargeBinary = WebSocketMessages.MESSAGES.messageToBig(getMaxBinaryBufferSize());
        this.tooLargeText = WebSocketMessages.MESSAGES.messageToBig(getMaxTextBufferSize());
    }

    private static MultipartLimits reassembly(EdgeEndpointSettings s) {
        return new MultipartLimits(s.maxMessageSize(), s.maxPartialMessages(), s.multipartTimeout());
    }

    void start(EdgeSession s) {
        this.session = s;
        channel.getReceiveSetter().set(this);
        channel.addCloseTask(ch -> closed());
        channel.resumeReceives();
    }

    EdgeSession session() {
        return session;
    }

    // ---- EdgeLink: outbound ----------------------------------------------------------------------

    @Override
    public void send(ByteBuffer message) {
        if (closed.get()) {
            return;
        }
        int size = message.remaining();
        if (size <= splitter.chunkSize() - splitter.reserve()) {
            write(message);
            return;
        }
        byte[] bytes = new byte[size];
        message.get(message.position(), bytes);
        List<byte[]> chunks;
        try {
            chunks = splitter.split(bytes);
        } catch (ProtocolException e) {
            counters.oversizedOutbound.increment();
            log.warn("{}: outbound message of {} bytes cannot be chunked for this edge: {}", this, size, e.getMessage());
            return;
        }
        for (byte[] chunk : chunks) {
            write(ByteBuffer.wrap(chunk));
        }
    }

    private void write(ByteBuffer m) {
        if (closed.get()) {
            return; // closed by an earlier chunk of this message, or by another thread
        }
        int n = m.remaining();
        if (queued.add(n) > settings.maxQueuedBytes()) {
            queued.add(-n);
            if (closing.compareAndSet(false, true)) { // one slow reader, counted once
                counters.slowReaders.increment();
                log.warn("{}: {} bytes wait to be written (limit {}): closing a slow reader", this, queued.get(),
                        settings.maxQueuedBytes());
            }
            abort();
            return;
        }
        counters.bytesOut.add(n);
        if (!wroteSinceCheck) {
            wroteSinceCheck = true;
            if (ticket != null) {
                ticket.through(); // the first message an edge gets answers its AUTH (or what it sent instead)
            }
        }
        if (!compressed) {
            WebSockets.sendBinary(m, channel, queued.release(n));
            return;
        }
        // Undertow compresses on the sending thread but queues afterwards: two threads sending at
        // once could put compressed messages on the wire out of their deflate order. One thread does.
        XnioIoThread io = channel.getIoThread();
        if (Thread.currentThread() == io) {
            WebSockets.sendBinary(m, channel, queued.release(n));
        } else {
            io.execute(() -> WebSockets.sendBinary(m, channel, queued.release(n)));
        }
    }

    /** A close frame, then the connection dropped once it is written: an edge that does not answer it is not waited for. */
    @Override
    public void close(int code, String reason) {
        closeThenDrop(code, reason);
    }

    /** A close frame, then the connection dropped once the frame is written (no wait for the echo). */
    void closeThenDrop(int code, String reason) {
        if (!channel.isOpen()) {
            return;
        }
        WebSockets.sendClose(code, reason, channel, new io.undertow.websockets.core.WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                abort();
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
                abort();
            }
        });
    }

    void abort() {
        IoUtils.safeClose(channel);
        closed();
    }

    @Override
    public String describe() {
        return description;
    }

    // ---- timeouts (called by the endpoint's sweeper) ---------------------------------------------

    /**
     * Expires stale chunks, closes a socket whose message never ends; when its AUTH or idle deadline
     * passed, has its I/O thread look ({@link #silenceOverdue()}).
     */
    void sweep(long now) {
        EdgeSession s = session;
        if (s == null || closed.get()) {
            return;
        }
        if (closing.get()) {
            // Its close frame went out at the last sweep and it is still open: the frame could not be written.
            abort();
            return;
        }
        long begun = messageInProgressSince();
        if (begun != 0 && now - begun >= settings.idleTimeout().toMillis()) {
            // Pings keep a socket alive, but not a message that never ends (endless or empty continuation frames).
            counters.idleTimeouts.increment();
            log.info("{}: a message begun {} ms ago is still not complete (idle-timeout-ms {}), closing", this,
                    now - begun, settings.idleTimeout().toMillis());
            expire(CLOSE_POLICY, "message not complete within " + settings.idleTimeout().toMillis() + " ms");
            return;
        }
        if (authOverdue(s, now) || idleOverdue(now)) {
            if (silenceCheck.compareAndSet(false, true)) {
                try {
                    channel.getIoThread().execute(this::silenceOverdue);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    silenceCheck.set(false);
                }
            }
            return;
        }
        int expired;
        synchronized (assembler) {
            expired = assembler.expire();
        }
        if (expired > 0) {
            counters.expiredPartials.add(expired);
            log.debug("{}: {} incomplete multipart messages dropped after {} ms", this, expired,
                    settings.multipartTimeout().toMillis());
        }
    }

    private boolean authOverdue(EdgeSession s, long now) {
        return s.state() == org.opencx.routing.SessionState.CONNECTED && s.edgeSessionId() == Header.NO_SESSION
                && now - openedAtMillis >= settings.authRequestTimeout().toMillis();
    }

    private boolean idleOverdue(long now) {
        return now - lastInboundMillis() >= settings.idleTimeout().toMillis();
    }

    /**
     * On the socket's I/O thread, a deadline of silence having passed: what has arrived is read and
     * handled first (a busy server may not have got to it: then the AUTH, or any frame, is taken and
     * the socket lives on), and only a socket still silent is closed. One with a message begun is
     * not silent (a message that never ends is the idle rule's, at its own deadline).
     */
    private void silenceOverdue() {
        try {
            for (int frames = 0; frames < DRAIN_FRAMES && channel.isOpen() && !closing.get(); frames++) {
                handleEvent(channel);
            }
            EdgeSession s = session;
            long now = clock.millis();
            if (s == null || closed.get() || closing.get() || messageInProgressSince() != 0) {
                return;
            }
            if (authOverdue(s, now)) {
                counters.authTimeouts.increment();
                log.info("{}: no AUTH within {} ms, closing", this, settings.authRequestTimeout().toMillis());
                expire(CLOSE_POLICY, "no AUTH within " + settings.authRequestTimeout().toMillis() + " ms");
            } else if (idleOverdue(now)) {
                counters.idleTimeouts.increment();
                log.info("{}: nothing received for {} ms, closing", this, settings.idleTimeout().toMillis());
                expire(CLOSE_GOING_AWAY, "idle for " + settings.idleTimeout().toMillis() + " ms");
            }
        } finally {
            silenceCheck.set(false);
        }
    }

    /**
     * The reference product's aliveness check: a socket the server has written nothing to for
     * {@code idlePeriodMillis} gets an unsolicited pong with a non-empty payload (the C SDK ignores
     * empty ones), which also satisfies an edge waiting for the pong of a lost ping.
     */
    void alivenessCheck(long now, long idlePeriodMillis) {
        if (closed.get() || closing.get()) {
            return;
        }
        if (wroteSinceCheck) {
            wroteSinceCheck = false;
            lastOutboundMillis = now;
            return;
        }
        if (now - lastOutboundMillis >= idlePeriodMillis) {
            lastOutboundMillis = now;
            counters.alivenessPongs.increment();
            log.debug("{}: nothing sent for {} ms, unsolicited pong", this, idlePeriodMillis);
            WebSockets.sendPong(ByteBuffer.wrap(ALIVENESS_PAYLOAD.clone()), channel, null);
        }
    }

    /** A deadline passed: the close frame must reach the edge before the connection is dropped. */
    private void expire(int code, String reason) {
        closing.set(true);
        closeThenDrop(code, reason);
    }

    // ---- inbound ---------------------------------------------------------------------------------

    @Override
    MultipartAssembler assembler() {
        return assembler;
    }

    @Override
    void received(int bytes) {
        counters.bytesIn.add(bytes);
    }

    @Override
    void onMessage(ByteBuffer message) {
        router.onEdgeMessage(session, message);
    }

    @Override
    void onRefused(ByteBuffer chunk, ProtocolException e) {
        router.onEdgeRefused(session, chunk, e);
    }

    @Override
    void answerPing(WebSocketChannel ch, BufferedBinaryMessage message) {
        if (pongs.send(ch, message.getData(), false)) {
            wroteSinceCheck = true; // its pong is on the way: the edge hears from the server
        } else {
            counters.unansweredPings.increment();
            log.debug("{}: {} pongs still unwritten, ping not answered", this, MAX_PONGS_IN_FLIGHT);
        }
    }

    @Override
    protected void onBinary(WebSocketChannel ch, StreamSourceFrameChannel message) throws IOException {
        messageBegins();
        long limit = settings.maxMessageSize();
        if (FrameSizeGuard.admit(ch, message, limit, which -> frameTooLarge(limit, which))) {
            super.onBinary(ch, message);
        }
    }

    @Override
    protected void onText(WebSocketChannel ch, StreamSourceFrameChannel message) throws IOException {
        messageBegins();
        long limit = getMaxTextBufferSize();
        if (FrameSizeGuard.admit(ch, message, limit, which -> frameTooLarge(limit, which))) {
            super.onText(ch, message);
        }
    }

    private void frameTooLarge(long limit, String which) {
        if (closed.get() || !closing.compareAndSet(false, true)) {
            return;
        }
        counters.overMaxMessageSize.increment();
        log.info("{}: the header of {} says the message exceeds {} bytes, socket closed with 1009", this, which, limit);
        closeThenDrop(CLOSE_TOO_BIG, "message over " + limit + " bytes");
    }

    /** Bytes without a 15-byte header of version 1 are no AlwaysOn message: the socket is closed with 1002. */
    @Override
    boolean admit(ByteBuffer data) {
        String why = InboundFaults.notAlwaysOn(data);
        if (why == null) {
            return true;
        }
        if (closing.compareAndSet(false, true)) {
            counters.protocolErrors.increment();
            log.info("{}: not an AlwaysOn message ({}), socket closed with 1002", this, why);
            closeThenDrop(InboundFaults.CLOSE_PROTOCOL_ERROR, "not an AlwaysOn message: " + why);
        }
        return false;
    }

    @Override
    void textMessage() {
        counters.textMessages.increment();
        log.debug("{}: text message ignored (AlwaysOn is binary)", this);
    }

    @Override
    protected void onCloseMessage(CloseMessage cm, WebSocketChannel ch) {
        log.debug("{}: close {} {}", this, cm.getCode(), cm.getReason());
    }

    @Override
    protected void onError(WebSocketChannel ch, Throwable error) {
        if (closing.get() && error instanceof java.nio.channels.ClosedChannelException) {
            // The reader of a message this socket cut short (frameTooLarge): its close frame is on its way.
            return;
        }
        // Undertow closes with 1009 and raises an IOException with its own message for the limit;
        // compared with the message Undertow makes for our limits, not with its wording.
        String message = error.getMessage();
        int protocolClose = InboundFaults.protocolErrorClose(error);
        if (tooLargeBinary.equals(message)) {
            counters.overMaxMessageSize.increment();
            log.info("{}: message over {} bytes, socket closed with 1009", this, settings.maxMessageSize());
        } else if (tooLargeText.equals(message)) {
            counters.overMaxMessageSize.increment();
            log.info("{}: text message over {} bytes (AlwaysOn is binary), socket closed with 1009", this,
                    getMaxTextBufferSize());
        } else if (protocolClose != 0) {
            // Undertow has sent its close with the error's message as the reason.
            counters.protocolErrors.increment();
            log.info("{}: WebSocket protocol error, socket closed with {}: {}", this, protocolClose,
                    (error.getCause() != null ? error.getCause() : error).getMessage());
        } else {
            log.debug("{}: {}", this, error.toString());
        }
        super.onError(ch, error);
        closed();
    }

    @Override
    protected long getMaxBinaryBufferSize() {
        return EdgeWebSockets.maxBinaryMessageSize(settings);
    }

    @Override
    protected long getMaxTextBufferSize() {
        return EdgeWebSockets.MAX_TEXT_MESSAGE_SIZE;
    }

    private void closed() {
        if (closed.compareAndSet(false, true)) {
            synchronized (assembler) {
                assembler.clear();
            }
            EdgeSession s = session;
            if (s != null) {
                router.onEdgeClosed(s);
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        EdgeSession s = session;
        return "edge[" + (s == null ? "?" : Integer.toUnsignedString(s.endpointId())) + " " + description + "]";
    }
}

package org.opencx.transport;

import org.opencx.config.PlatformSettings;
import io.undertow.connector.ByteBufferPool;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.CodecLimits;
import org.opencx.alwayson.Gateway;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.MultipartAssembler;
import org.opencx.alwayson.MultipartLimits;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Response;
import org.opencx.routing.PipeLink;
import org.opencx.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * One WebSocket from the CS to the platform (platform-link section 1): opened with the
 * {@code appKey} header, authenticated with the AUTH claim, bound as the CS's gateway thing. Pinged
 * every {@code pingRate}; dropped and reopened after {@code idleReadTimeout} without a read;
 * skipped by routing above {@code highWaterMark} queued bytes until back below {@code lowWaterMark};
 * reopened after a loss with jittered exponential back-off.
 */
final class PlatformPipe implements PipeLink {
    private static final Logger log = LoggerFactory.getLogger(PlatformPipe.class);
    /** Reassembly of what the platform sends: messages up to the codec's maximum, many at once. */
    private static final MultipartLimits REASSEMBLY = new MultipartLimits(CodecLimits.DEFAULT_MAX_MESSAGE_SIZE,
            MultipartLimits.DEFAULTS.maxPartialMessages() * 16, MultipartLimits.DEFAULTS.timeout());

    private final int id;
    private final NodePipes node;
    private final URI uri;
    private final PlatformSettings settings;
    private final Router router;
    private final XnioWorker worker;
    private final ByteBufferPool buffers;
    private final SSLContext tls;
    private final ScheduledExecutorService timer;
    private final TransportCounters counters;
    private final Clock clock;
    private final QueuedBytes queued = new QueuedBytes();

    private volatile WebSocketChannel channel;
    private volatile CoalescedSend sender;
    private volatile Receiver receiver;
    private volatile boolean ready;
    private volatile boolean aboveHighWater;
    private volatile boolean stopped;
    private volatile int sessionId = Header.NO_SESSION;
    private int attempt;

    /** Pipe {@code id} (server-wide) of {@code node}. */
    PlatformPipe(int id, NodePipes node, PlatformSettings settings, Router router, PipeResources io) {
        this.id = id;
        this.node = node;
        this.uri = node.uri();
        this.settings = settings;
        this.router = router;
        this.worker = io.worker();
        this.buffers = io.buffers();
        this.tls = io.tls();
        this.timer = io.timer();
        this.counters = io.counters();
        this.clock = io.clock();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int nodeId() {
        return node.id();
    }

    /** Ready, and its connection still open: between a close and its close task, nothing is routed here. */
    @Override
    public boolean isReady() {
        WebSocketChannel ch = channel;
        return ready && ch != null && ch.isOpen();
    }

    /** The I/O thread serving this pipe's socket, or null while it has none. */
    XnioIoThread ioThread() {
        WebSocketChannel ch = channel;
        return ch == null ? null : ch.getIoThread();
    }

    /** Whether this pipe's socket is served by that I/O thread. */
    boolean servedBy(Thread thread) {
        return ioThread() == thread;
    }

    @Override
    public boolean isWritable() {
        if (!isReady()) {
            return false;
        }
        long q = queued.get();
        if (aboveHighWater && q < settings.lowWaterMark()) {
            aboveHighWater = false;
        } else if (!aboveHighWater && q > settings.highWaterMark()) {
            aboveHighWater = true;
        }
        return !aboveHighWater;
    }

    @Override
    public boolean takesLifecycle() {
        return isReady() && queued.get() < settings.highWaterMark() * LIFECYCLE_CEILING;
    }

    @Override
    public int sessionId() {
        return sessionId;
    }

    /** False when the connection closed a moment ago (before routing heard of it): nothing is sent. */
    @Override
    public boolean send(ByteBuffer message) {
        CoalescedSend s = sender;
        if (s == null || !s.isOpen()) {
            return false;
        }
        int n = message.remaining();
        queued.add(n);
        s.sendBinary(message, queued.release(n));
        return true;
    }

    // ---- connection lifecycle --------------------------------------------------------------------

    void open() {
        if (stopped) {
            return;
        }
        IoFuture<WebSocketChannel> f = PlatformSockets.builder(worker, buffers, uri, tls)
                .setClientNegotiation(new PipeNegotiation()).connect();
        ScheduledFutureHolder timeout = new ScheduledFutureHolder(timer.schedule(() -> f.cancel(),
                settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
        f.addNotifier((future, ignored) -> {
            timeout.cancel();
            try {
                if (future.getStatus() == IoFuture.Status.DONE) {
                    opened(future.get());
                } else {
                    lost(null, "connect " + future.getStatus() + (future.getStatus() == IoFuture.Status.FAILED
                            ? ": " + future.getException().getMessage() : ""));
                }
            } catch (IOException e) {
                lost(null, "connect failed: " + e.getMessage());
            }
        }, null);
    }

    private void opened(WebSocketChannel ch) {
        sender = new CoalescedSend(ch);
        channel = ch;
        DrainedReads.install(ch);
        Receiver listener = new Receiver();
        receiver = listener;
        ch.getReceiveSetter().set(listener);
        ch.addCloseTask(c -> lost(c, "closed " + c.getCloseCode() + " " + c.getCloseReason()));
        ch.resumeReceives();
        Auth auth = new Auth(Header.of(MethodCode.AUTH.code(), 0, 0, Header.NO_SESSION), List.of(Claim.appKey(settings.appKey())));
        router.internalRequest("pipe " + id + " AUTH", auth, this, id, settings.authTimeout(), r -> {
            if (channel != ch) {
                return;
            }
            if (!r.isSuccess()) {
                refused(ch, "AUTH", r);
                return;
            }
            int session = r.header().sessionId();
            sessionId = session;
            Bind bind = new Bind(Header.of(MethodCode.BIND.code(), 0, 0, session),
                    new Gateway(settings.thingName(), PlatformSettings.GATEWAY_TYPE), List.of());
            router.internalRequest("pipe " + id + " BIND", bind, this, id, b -> {
                if (channel != ch) {
                    return;
                }
                if (!b.isSuccess()) {
                    refused(ch, "BIND as " + settings.thingName(), b);
                    return;
                }
                attempt = 0;
                ready = true;
                log.info("pipe {} to {} ready", id, node.name());
                node.pipeReady(this);
            });
        });
    }

    private void refused(WebSocketChannel ch, String what, Response r) {
        log.error("pipe {} to {}: platform refused {}: {} {}", id, node.name(), what, r.status(), r.reason() == null ? "" : r.reason());
        IoUtils.safeClose(ch);
    }

    /** Closes the connection; its close task reopens it after a back-off. */
    void drop() {
        WebSocketChannel ch = channel;
        if (ch != null) {
            IoUtils.safeClose(ch);
        }
    }

    /**
     * The connection {@code ch} was lost (null: a connection attempt failed). Only the current
     * connection's loss counts, so each loss schedules exactly one reopening.
     */
    private synchronized void lost(WebSocketChannel ch, String why) {
        if (ch != null && ch != channel) {
            return;
        }
        boolean wasReady = ready;
        ready = false;
        channel = null;
        sender = null;
        if (wasReady) {
            log.warn("pipe {} to {} lost: {}", id, node.name(), why);
            node.pipeDown(this);
        } else {
            log.debug("pipe {} to {}: {}", id, node.name(), why);
        }
        if (stopped) {
            return;
        }
        long ceiling = Math.min(settings.reconnectMax().toMillis(), settings.reconnectMin().toMillis() << Math.min(attempt, 20));
        attempt++;
        long delay = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        counters.pipeReconnects.increment();
        timer.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    /** Pings and the idle-read check; the group calls it every second or so. */
    void keepAlive(long now, boolean pingNow) {
        WebSocketChannel ch = channel;
        if (ch == null) {
            return;
        }
        Receiver r = receiver;
        if (r != null && now - r.lastInboundMillis() >= settings.idleReadTimeout().toMillis()) {
            log.warn("pipe {}: nothing read for {} ms, reopening", id, settings.idleReadTimeout().toMillis());
            drop();
            return;
        }
        if (pingNow) {
            WebSockets.sendPing(ByteBuffer.wrap(Long.toString(now).getBytes(StandardCharsets.US_ASCII)), ch, null);
        }
        if (r != null) {
            MultipartAssembler a = r.assembler();
            synchronized (a) {
                a.expire();
            }
        }
    }

    /** Closes the pipe for good with 1001 and this reason; it is not reopened. */
    void stop(String reason) {
        stopped = true;
        WebSocketChannel ch = channel;
        if (ch != null) {
            WebSockets.sendClose(1001, reason, ch, null);
            IoUtils.safeClose(ch);
        }
    }

    private final class Receiver extends InboundListener {
        private final MultipartAssembler assembler = new MultipartAssembler(REASSEMBLY, clock);

        Receiver() {
            super(clock, REASSEMBLY);
        }

        @Override
        MultipartAssembler assembler() {
            return assembler;
        }

        @Override
        void onMessage(ByteBuffer message) {
            router.onPipeMessage(PlatformPipe.this, message);
        }

        @Override
        void onRefused(ByteBuffer chunk, ProtocolException e) {
            log.warn("pipe {}: bad chunk from the platform: {}", id, e.getMessage());
        }

        @Override
        protected void onCloseMessage(CloseMessage cm, WebSocketChannel ch) {
            log.info("pipe {}: platform closed {} {}", id, cm.getCode(), cm.getReason());
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return PlatformSettings.PIPE_FRAME_SIZE;
        }
    }

    /** The upgrade headers of a pipe: the CS's app key and a large Max-Frame-Size. */
    private final class PipeNegotiation extends WebSocketClientNegotiation {
        PipeNegotiation() {
            super(List.of(), List.of());
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            headers.put("appKey", List.of(settings.appKey()));
            headers.put("Max-Frame-Size", List.of(Integer.toString(PlatformSettings.PIPE_FRAME_SIZE)));
            headers.put("User-Agent", List.of("OpenCX Connection Server"));
        }
    }

    private record ScheduledFutureHolder(java.util.concurrent.ScheduledFuture<?> future) {
        void cancel() {
            future.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "pipe[" + id + " " + node.name() + (ready ? " ready" : "") + "]";
    }
}

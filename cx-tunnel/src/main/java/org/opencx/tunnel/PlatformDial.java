package org.opencx.tunnel;

import io.undertow.connector.ByteBufferPool;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.opencx.transport.PlatformSockets;
import org.opencx.tunnel.RemoteAccessCounters.Reason;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.http.UpgradeFailedException;

/**
 * The server's own upgrade at the platform, for one client socket: the same path, the copied
 * headers, the client's subprotocols, no compression; TLS as the pipes do it. Settles exactly once,
 * within the connect timeout: connected, or a failure with the status the client gets.
 */
final class PlatformDial {
    /** How XNIO reports an upgrade answered with another status than 101. */
    private static final Pattern REFUSED = Pattern.compile("Invalid response code (\\d{3})");

    /** What came of it. */
    sealed interface Outcome {
    }

    /** The platform accepted: its socket, and the subprotocol it chose (null: none). */
    record Connected(WebSocketChannel channel, String subprotocol) implements Outcome {
    }

    /** The client is answered {@code status} with {@code why}. */
    record Failed(Reason reason, int status, String why) implements Outcome {
    }

    private PlatformDial() {
    }

    /**
     * Dials {@code target}; {@code done} runs once, on an I/O thread.
     *
     * @param headers      headers added to the upgrade request (copied from the client's)
     * @param subprotocols the client's offered subprotocols, offered on
     * @param timerThread  the thread that watches the deadline
     */
    static void dial(URI target, Map<String, List<String>> headers, List<String> subprotocols, XnioWorker worker,
                     ByteBufferPool buffers, SSLContext tls, Duration timeout, XnioIoThread timerThread,
                     Consumer<Outcome> done) {
        Negotiation negotiation = new Negotiation(subprotocols, headers, target);
        IoFuture<WebSocketChannel> future;
        try {
            future = PlatformSockets.builder(worker, buffers, target, tls).setClientNegotiation(negotiation).connect();
        } catch (RuntimeException e) {
            done.accept(new Failed(Reason.PLATFORM_UNREACHABLE, 502, "cannot reach the platform: " + e.getMessage()));
            return;
        }
        AtomicBoolean settled = new AtomicBoolean();
        XnioExecutor.Key deadline = timerThread.executeAfter(() -> {
            if (settled.compareAndSet(false, true)) {
                future.cancel();
                done.accept(new Failed(Reason.PLATFORM_TIMEOUT, 504,
                        "the platform did not answer within " + timeout.toMillis() + " ms"));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.addNotifier((f, ignored) -> {
            deadline.remove();
            if (f.getStatus() == IoFuture.Status.DONE) {
                WebSocketChannel channel = result(f);
                if (settled.compareAndSet(false, true)) {
                    done.accept(new Connected(channel, negotiation.getSelectedSubProtocol()));
                } else {
                    IoUtils.safeClose(channel);
                }
            } else if (f.getStatus() == IoFuture.Status.FAILED && settled.compareAndSet(false, true)) {
                done.accept(failure(f.getException()));
            }
        }, null);
    }

    private static WebSocketChannel result(IoFuture<? extends WebSocketChannel> f) {
        try {
            return f.get();
        } catch (IOException e) {
            throw new IllegalStateException("a done future has a result", e);
        }
    }

    /** A 4xx from the platform is passed on as it is; anything else is 502. */
    static Failed failure(IOException e) {
        if (e instanceof UpgradeFailedException && e.getMessage() != null) {
            Matcher m = REFUSED.matcher(e.getMessage());
            if (m.find()) {
                int status = Integer.parseInt(m.group(1));
                return new Failed(Reason.PLATFORM_REFUSED, status >= 400 && status < 500 ? status : 502,
                        "the platform refused the upgrade with " + status);
            }
        }
        String what = e instanceof ConnectException ? "the platform refused the connection"
                : "the connection to the platform failed";
        return new Failed(Reason.PLATFORM_UNREACHABLE, 502, what + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }

    /**
     * Adds the copied headers to the upgrade request, but only toward the platform's own host: a
     * redirect elsewhere (which Undertow's client follows) gets no key and no cookie.
     */
    private static final class Negotiation extends WebSocketClientNegotiation {
        private final Map<String, List<String>> headers;
        private final String host;

        Negotiation(List<String> subprotocols, Map<String, List<String>> headers, URI target) {
            super(subprotocols, List.of());
            this.headers = headers;
            int port = target.getPort() != -1 ? target.getPort()
                    : target.getScheme().equalsIgnoreCase("wss") ? 443 : 80;
            this.host = target.getHost() + ":" + port;
        }

        @Override
        public void beforeRequest(Map<String, List<String>> request) {
            List<String> to = request.get("Host");
            if (to != null && to.size() == 1 && to.get(0).equalsIgnoreCase(host)) {
                request.putAll(headers);
            }
        }
    }
}

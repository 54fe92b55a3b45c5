package org.opencx.testkit.platform;

import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.websockets.WebSocketExtension;
import io.undertow.websockets.client.WebSocketClient;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.EntityType;
import org.opencx.alwayson.Gateway;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;
import org.opencx.testkit.socket.AlwaysOnSocket;
import org.opencx.testkit.socket.SharedRuntime;
import org.opencx.testkit.socket.SocketListener;
import org.opencx.testkit.socket.SocketSettings;
import org.xnio.OptionMap;
import org.xnio.Sequence;
import org.xnio.Xnio;

/**
 * The device side of a test, scripted by hand over a raw {@link AlwaysOnSocket}: it sends AUTH,
 * BIND and requests as the test says, answers the platform's requests as the test says, and lets
 * the test wait for what arrives. Also plays a Connection Server pipe (messages with an endpoint id).
 * Not an edge client: no logic of its own.
 */
final class ScriptedEdge implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    /** How to connect: the {@code Max-Frame-Size} header, whether to offer deflate, TLS, extra headers. */
    record Options(int maxFrameSize, boolean deflate, SSLContext ssl, Map<String, String> headers) {
        static Options plain() {
            return new Options(8192, false, null, Map.of());
        }

        Options withDeflate() {
            return new Options(maxFrameSize, true, ssl, headers);
        }

        Options withSsl(SSLContext context) {
            return new Options(maxFrameSize, deflate, context, headers);
        }

        Options withHeader(String name, String value) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Options(maxFrameSize, deflate, ssl, h);
        }
    }

    /** A WebSocket message as received: its size and whether it was a multipart chunk. */
    record Received(int bytes, boolean chunk) {
    }

    /** The close the socket saw. */
    record Closed(int code, String reason) {
    }

    private final AlwaysOnSocket socket;
    private final Map<Integer, CompletableFuture<Response>> waiting = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int sessionId = Header.NO_SESSION;

    private ScriptedEdge(WebSocketChannel channel, Options options) {
        SocketSettings settings = SocketSettings.defaults().withSendChunkSize(options.maxFrameSize())
                .withDeflateReserve(channel.areExtensionsSupported() ? SocketSettings.DEFLATE_RESERVE : 0);
        this.socket = AlwaysOnSocket.open(channel, settings, new Listener(), Clock.systemUTC());
    }

    static ScriptedEdge connect(URI uri) {
        return connect(uri, Options.plain());
    }

    static ScriptedEdge connect(URI uri, Options options) {
        SharedRuntime rt = SharedRuntime.get();
        List<WebSocketExtension> offered = options.deflate()
                ? List.of(new WebSocketExtension("permessage-deflate")) : List.of();
        WebSocketClient.ConnectionBuilder b = new WebSocketClient.ConnectionBuilder(rt.worker(), rt.buffers(), uri)
                .setClientNegotiation(new WebSocketClientNegotiation(List.of(), offered) {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Max-Frame-Size", List.of(Integer.toString(options.maxFrameSize())));
                        options.headers().forEach((k, v) -> headers.put(k, List.of(v)));
                    }
                });
        if (options.deflate()) {
            b.setClientExtensions(Set.of(new PerMessageDeflateHandshake(true)));
        }
        if (options.ssl() != null) {
            // Undertow's client never completes a TLS 1.3 handshake (it hangs until the server's
            // idle timeout); the platform's server side handles 1.3 fine (TlsTest). Hence 1.2 here.
            OptionMap tls12 = OptionMap.create(org.xnio.Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.2"));
            b.setSsl(new UndertowXnioSsl(Xnio.getInstance(), tls12, options.ssl())).setOptionMap(tls12);
        }
        try {
            WebSocketChannel channel = b.connect().get();
            return new ScriptedEdge(channel, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, authenticates, binds the things and acknowledges their NotifyPropertyUpdate. */
    static ScriptedEdge bound(URI uri, Options options, String appKey, String... things) {
        ScriptedEdge edge = connect(uri, options);
        if (!edge.auth(appKey).isSuccess() || !edge.bind(things).isSuccess()) {
            edge.close();
            throw new AssertionError("AUTH or BIND failed");
        }
        for (int i = 0; i < things.length; i++) {
            edge.answer(edge.nextRequest("NotifyPropertyUpdate"), StatusCode.SUCCESS, null);
        }
        return edge;
    }

    static ScriptedEdge bound(URI uri, String appKey, String... things) {
        return bound(uri, Options.plain(), appKey, things);
    }

    AlwaysOnSocket socket() {
        return socket;
    }

    int sessionId() {
        return sessionId;
    }

    boolean compressed() {
        return socket.compressed();
    }

    // ---- what the edge sends ----

    /** Sends a message with a fresh request id and waits for its answer. */
    Response exchange(Message m) {
        return await(send(m), "answer to " + m.header());
    }

    /** Sends a message with a fresh request id; the future completes with its answer. */
    CompletableFuture<Response> send(Message m) {
        int id = ids.incrementAndGet();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        socket.send(m.withHeader(m.header().withRequestId(id))).whenComplete((v, e) -> {
            if (e != null) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Sends bytes as they are (e.g. a captured message); its answer comes by the bytes' request id. */
    CompletableFuture<Response> sendRaw(byte[] message) {
        int id = (message[2] & 0xFF) << 24 | (message[3] & 0xFF) << 16 | (message[4] & 0xFF) << 8 | (message[5] & 0xFF);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        socket.sendRaw(message);
        return answer;
    }

    Response auth(String appKey) {
        return auth(appKey, 0);
    }

    /** AUTH with the {@code appKey} claim; on success remembers the session id (for endpoint 0). */
    Response auth(String appKey, int endpointId) {
        Auth a = new Auth(Header.of(MethodCode.AUTH.code(), 0, endpointId, Header.NO_SESSION),
                List.of(Claim.appKey(appKey)));
        Response r = exchange(a);
        if (r.isSuccess() && endpointId == 0) {
            sessionId = r.header().sessionId();
        }
        return r;
    }

    Response bind(String... things) {
        return bind(0, sessionId, null, things);
    }

    Response bind(int endpointId, int session, Gateway gateway, String... things) {
        return exchange(new Bind(Header.of(MethodCode.BIND.code(), 0, endpointId, session), gateway,
                Arrays.asList(things)));
    }

    Response unbind(String... things) {
        return unbind(0, sessionId, null, things);
    }

    Response unbind(int endpointId, int session, Gateway gateway, String... things) {
        return exchange(new Unbind(Header.of(MethodCode.UNBIND.code(), 0, endpointId, session), gateway,
                Arrays.asList(things)));
    }

    /** A request on a thing from this edge (endpoint 0, its session id). */
    Response call(MethodCode method, String thing, Characteristic c, String name, InfoTable params) {
        return call(0, sessionId, method, thing, c, name, params);
    }

    Response call(int endpointId, int session, MethodCode method, String thing, Characteristic c, String name,
                  InfoTable params) {
        return exchange(new Request(Header.of(method.code(), 0, endpointId, session), EntityType.THINGS, thing, c,
                name, List.of(), params));
    }

    // ---- what the platform sends ----

    /** The next request the platform sent. */
    Request nextRequest() {
        return nextRequest(q -> true);
    }

    /** The next request matching the filter; requests that do not match are dropped. */
    Request nextRequest(Predicate<Request> filter) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                Request q = requests.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (q == null) {
                    throw new AssertionError("no matching request from the platform within " + WAIT.toMillis() + " ms");
                }
                if (filter.test(q)) {
                    return q;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next request for this service name. */
    Request nextRequest(String characteristicName) {
        return nextRequest(q -> q.characteristicName().equals(characteristicName));
    }

    /** Answers a platform request as a C SDK edge does: same request id and endpoint id, our session. */
    void answer(Request q, StatusCode status, InfoTable content) {
        Header h = q.header().responseWith(status);
        socket.send(new Response(h, null, content));
    }

    /** Answers on this socket, whichever socket the request came on (a response on another pipe). */
    void answer(Request q, StatusCode status, String reason, InfoTable content) {
        socket.send(new Response(q.header().responseWith(status), reason, content));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits for the socket to close. */
    Closed awaitClose() {
        return await(closed, "close");
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /** Drops the TCP connection without a close frame. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (socket.isOpen()) {
            socket.close(1000, "Normal Close test done");
        }
        socket.abort();
    }

    static <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private final class Listener implements SocketListener {
        @Override
        public void onMessage(AlwaysOnSocket s, Message m) {
            if (m instanceof Response r) {
                CompletableFuture<Response> f = waiting.remove(r.header().requestId());
                if (f != null) {
                    f.complete(r);
                }
            } else if (m instanceof Request q) {
                requests.add(q);
            }
        }

        @Override
        public void onReceived(AlwaysOnSocket s, int bytes, boolean chunk) {
            received.add(new Received(bytes, chunk));
        }

        @Override
        public void onClose(AlwaysOnSocket s, int code, String reason) {
            closed.complete(new Closed(code, reason));
            for (CompletableFuture<Response> f : new ArrayList<>(waiting.values())) {
                f.completeExceptionally(new IOException("closed " + code + " " + reason));
            }
        }
    }
}

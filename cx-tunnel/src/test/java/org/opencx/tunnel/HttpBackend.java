package org.opencx.tunnel;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.xnio.Options;
import org.xnio.SslClientAuthMode;

/**
 * The platform's REST side for the pass-through tests, a real Undertow server: it records the last
 * request (path, query, headers, body digest, client certificate) and answers as the path says.
 * <ul>
 *   <li>{@code /Thingworx/echo}: the body back, with {@code X-Body-Sha256} and {@code Set-Cookie}</li>
 *   <li>{@code /Thingworx/chunked}: 200 pieces of 1000 bytes, no length (chunked)</li>
 *   <li>{@code /Thingworx/hop}: hop-by-hop response headers that must not reach the client</li>
 *   <li>{@code /Thingworx/slow}: no answer at all</li>
 * </ul>
 */
final class HttpBackend implements AutoCloseable {
    /** What the last request looked like at the platform. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, String bodySha256,
                String clientCertificate) {
        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    static final int CHUNKS = 200;
    static final int CHUNK = 1000;

    private final Undertow server;
    private final AtomicReference<Seen> last = new AtomicReference<>();

    HttpBackend(SSLContext tls, boolean requireClientCertificate) {
        PathHandler paths = Handlers.path()
                .addExactPath("/Thingworx/echo", ex -> ex.getRequestReceiver().receiveFullBytes((e, body) -> {
                    record(e, body);
                    e.getResponseHeaders().put(new HttpString("X-Body-Sha256"), sha256(body));
                    e.getResponseHeaders().put(new HttpString("Set-Cookie"), "JSESSIONID=from-platform; Secure");
                    e.getResponseSender().send(ByteBuffer.wrap(body));
                }))
                .addExactPath("/Thingworx/chunked", ex -> {
                    record(ex, new byte[0]);
                    ex.dispatch(() -> {
                        ex.startBlocking();
                        try (var out = ex.getOutputStream()) {
                            for (int i = 0; i < CHUNKS; i++) {
                                out.write(chunk(i));
                                out.flush();
                            }
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                })
                .addExactPath("/Thingworx/hop", ex -> {
                    record(ex, new byte[0]);
                    ex.getResponseHeaders().put(new HttpString("Keep-Alive"), "timeout=99");
                    ex.getResponseHeaders().put(new HttpString("Proxy-Authenticate"), "Basic");
                    ex.getResponseHeaders().put(new HttpString("X-End-To-End"), "kept");
                    ex.getResponseSender().send("hop");
                })
                .addExactPath("/Thingworx/slow", ex -> {
                    record(ex, new byte[0]);
                    ex.dispatch(() -> { });
                });
        Undertow.Builder b = Undertow.builder().setHandler(paths).setIoThreads(1).setWorkerThreads(2);
        if (tls == null) {
            b.addHttpListener(0, "127.0.0.1");
        } else {
            b.addHttpsListener(0, "127.0.0.1", tls);
            if (requireClientCertificate) {
                b.setSocketOption(Options.SSL_CLIENT_AUTH_MODE, SslClientAuthMode.REQUIRED);
            }
        }
        server = b.build();
        server.start();
    }

    static byte[] chunk(int i) {
        byte[] b = new byte[CHUNK];
        java.util.Arrays.fill(b, (byte) ('a' + i % 26));
        return b;
    }

    private void record(HttpServerExchange ex, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>();
        HeaderMap map = ex.getRequestHeaders();
        for (HeaderValues values : map) {
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), List.copyOf(values));
        }
        String cert = null;
        if (ex.getConnection().getSslSessionInfo() != null) {
            try {
                Certificate[] peers = ex.getConnection().getSslSessionInfo().getPeerCertificates();
                cert = ((X509Certificate) peers[0]).getSubjectX500Principal().getName();
            } catch (Exception e) {
                cert = null;
            }
        }
        last.set(new Seen(ex.getRequestMethod().toString(), ex.getRequestPath(), ex.getQueryString(), headers,
                sha256(body), cert));
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Seen last() {
        return last.get();
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The targets of a proxy in front of this backend (sockets go nowhere in these tests). */
    PlatformTargets targets(boolean tls) {
        return new StaticPlatformTargets(URI.create("ws://localhost:1"), URI.create((tls ? "https" : "http")
                + "://localhost:" + port()));
    }

    @Override
    public void close() {
        server.stop();
    }
}

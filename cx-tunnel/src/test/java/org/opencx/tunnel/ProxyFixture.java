package org.opencx.tunnel;

import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The remote-access proxy on a listener of its own, mounted as the edge listener mounts it (every
 * path but /Thingworx/WS), on an XNIO worker like the relay's, plain or TLS.
 */
final class ProxyFixture implements AutoCloseable {
    final RemoteAccess remote;
    private final XnioWorker worker;
    private final Undertow server;
    private WireBackend ownBackend;

    ProxyFixture(RemoteAccess.Builder b, SSLContext listenerTls) {
        this.remote = b.build();
        try {
            worker = Xnio.getInstance().createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, 2)
                    .set(Options.WORKER_TASK_CORE_THREADS, 2)
                    .set(Options.WORKER_TASK_MAX_THREADS, 4)
                    .set(Options.WORKER_NAME, "proxy-io")
                    .set(Options.TCP_NODELAY, true)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024);
        Undertow.Builder u = Undertow.builder().setWorker(worker).setHandler(remote.start(worker, buffers));
        if (listenerTls == null) {
            u.addHttpListener(0, "127.0.0.1");
        } else {
            u.addHttpsListener(0, "127.0.0.1", listenerTls);
        }
        server = u.build();
        server.start();
    }

    /** A plain proxy in front of {@code backend} (plain too). */
    static ProxyFixture plain(RemoteAccess.Builder b, WireBackend backend) {
        return new ProxyFixture(b.targets(StaticPlatformTargets.from(backend.wsUri(false))), null);
    }

    /** A plain proxy in front of a plain backend of its own, closed with it ({@link #platform()}). */
    static ProxyFixture withBackend(RemoteAccess.Builder b) throws IOException {
        WireBackend backend = WireBackend.start();
        ProxyFixture f = plain(b, backend);
        f.ownBackend = backend;
        return f;
    }

    WireBackend platform() {
        return ownBackend;
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    URI http(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** Waits until {@code condition} holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        remote.stop();
        server.stop();
        worker.shutdownNow();
        if (ownBackend != null) {
            try {
                ownBackend.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

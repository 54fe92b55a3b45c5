package org.opencx.tunnel;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import io.undertow.util.AttachmentKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.XnioExecutor;

/**
 * {@code connect-timeout} on Undertow's proxy client, which has none of its own: a connection to the
 * platform not made in time counts as failed (the exchange is marked, so that the client gets 504),
 * and a connection made after that goes back to the pool unused.
 */
final class ConnectDeadline implements ProxyClient {
    /** Set on an exchange whose connection attempt ran out of time. */
    static final AttachmentKey<Boolean> TIMED_OUT = AttachmentKey.create(Boolean.class);

    private final ProxyClient delegate;
    private final Duration timeout;

    ConnectDeadline(ProxyClient delegate, Duration timeout) {
        this.delegate = delegate;
        this.timeout = timeout;
    }

    @Override
    public ProxyTarget findTarget(HttpServerExchange exchange) {
        return delegate.findTarget(exchange);
    }

    @Override
    public List<ProxyTarget> getAllTargets() {
        return delegate.getAllTargets();
    }

    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange, ProxyCallback<ProxyConnection> callback,
                              long requestTimeout, TimeUnit unit) {
        AtomicBoolean settled = new AtomicBoolean();
        XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(() -> {
            if (settled.compareAndSet(false, true)) {
                exchange.putAttachment(TIMED_OUT, true);
                callback.failed(exchange);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        delegate.getConnection(target, exchange, new ProxyCallback<>() {
            @Override
            public void completed(HttpServerExchange ex, ProxyConnection connection) {
                deadline.remove();
                // Too late: the pool takes the connection back when the exchange completes.
                if (settled.compareAndSet(false, true)) {
                    callback.completed(ex, connection);
                }
            }

            @Override
            public void failed(HttpServerExchange ex) {
                deadline.remove();
                if (settled.compareAndSet(false, true)) {
                    callback.failed(ex);
                }
            }

            @Override
            public void couldNotResolveBackend(HttpServerExchange ex) {
                deadline.remove();
                if (settled.compareAndSet(false, true)) {
                    callback.couldNotResolveBackend(ex);
                }
            }

            @Override
            public void queuedRequestFailed(HttpServerExchange ex) {
                deadline.remove();
                if (settled.compareAndSet(false, true)) {
                    callback.queuedRequestFailed(ex);
                }
            }
        }, requestTimeout, unit);
    }
}

package org.opencx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's HTTP client toward the platform, under {@code cx-server.protocol.http-client} (also
 * read as {@code cx-server.http-client}, the other spelling of the reference's documentation): HTTP
 * pass-through, and the cap on proxied TWS sockets.
 *
 * @param keepAlive             {@code keep-alive-enabled} (true): connections to the platform are
 *                              reused; false sends every request with {@code Connection: close}
 * @param maxConnectionPoolSize {@code max-connection-pool-size} (50): connections to the platform
 *                              per I/O thread (the reference's "per event loop")
 * @param maxWebSockets         {@code max-websockets} (100): TWS sockets ({@code /Thingworx/TWS})
 *                              proxied at once; past it the upgrade is answered 503 (tunnels have
 *                              their own cap, {@code tunneling.max-concurrent-tunnels})
 * @param trustStore            {@code ssl.trust-store.*}: CAs of the platform's certificate; null
 *                              means the pipes' trust store ({@code transport.websockets.ssl}, itself
 *                              the JDK's cacerts when unset)
 * @param keyStore              {@code ssl.key-store.*}: a client certificate the server presents to
 *                              the platform on pass-through connections; null presents none
 * @param connectTimeout        {@code connect-timeout} (ours, 10 s): one connection attempt to the
 *                              platform; for a tunnel or TWS socket, the whole upgrade at the platform
 * @param requestTimeout        {@code request-timeout} (ours, 30 s): a pass-through request from its
 *                              arrival to the platform's response; past it the answer is 504
 * @param maxRequestBody        {@code max-request-body} (ours, 10m): a larger request body is
 *                              answered 413
 */
public record HttpClientSettings(boolean keepAlive, int maxConnectionPoolSize, int maxWebSockets, KeyStoreRef trustStore,
                                 KeyStoreRef keyStore, Duration connectTimeout, Duration requestTimeout,
                                 long maxRequestBody) {
    public static final HttpClientSettings DEFAULTS = new HttpClientSettings(true, 50, 100, null, null,
            Duration.ofSeconds(10), Duration.ofSeconds(30), 10L * 1024 * 1024);

    public HttpClientSettings {
        Objects.requireNonNull(connectTimeout, "connect timeout");
        Objects.requireNonNull(requestTimeout, "request timeout");
        if (maxConnectionPoolSize < 1 || maxWebSockets < 1 || maxRequestBody < 1) {
            throw new IllegalArgumentException("HTTP client limits must be positive");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("HTTP client timeouts must be positive");
        }
    }

    public HttpClientSettings withTimeouts(Duration connect, Duration request) {
        return new HttpClientSettings(keepAlive, maxConnectionPoolSize, maxWebSockets, trustStore, keyStore, connect,
                request, maxRequestBody);
    }

    public HttpClientSettings withMaxRequestBody(long bytes) {
        return new HttpClientSettings(keepAlive, maxConnectionPoolSize, maxWebSockets, trustStore, keyStore,
                connectTimeout, requestTimeout, bytes);
    }

    public HttpClientSettings withMaxWebSockets(int max) {
        return new HttpClientSettings(keepAlive, maxConnectionPoolSize, max, trustStore, keyStore, connectTimeout,
                requestTimeout, maxRequestBody);
    }

    public HttpClientSettings withKeepAlive(boolean on) {
        return new HttpClientSettings(on, maxConnectionPoolSize, maxWebSockets, trustStore, keyStore, connectTimeout,
                requestTimeout, maxRequestBody);
    }

    /** The same client with these stores (null: see the components). */
    public HttpClientSettings withStores(KeyStoreRef trust, KeyStoreRef keys) {
        return new HttpClientSettings(keepAlive, maxConnectionPoolSize, maxWebSockets, trust, keys, connectTimeout,
                requestTimeout, maxRequestBody);
    }
}

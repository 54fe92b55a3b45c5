package org.opencx.testkit.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * What the platform asks of an edge in StartTunnel (spec 8.1): the target {@code host:port} the
 * edge connects to, the chunk size, the edge's idle and read timeouts, and how many times the edge
 * may connect to the target. The defaults are the C SDK's.
 *
 * @param numConnects how many times the edge may connect (negative: unlimited; the SDK's default 1)
 */
public record PlatformTunnelOptions(String host, int port, int chunksize, Duration idleTimeout, Duration readTimeout,
                                    int numConnects) {
    public static final int DEFAULT_CHUNK_SIZE = 8192;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(10);
    /** The SDK keeps 16 bytes of each chunk free; a chunk size must leave room for data. */
    public static final int MIN_CHUNK_SIZE = 17;
    public static final int MAX_CHUNK_SIZE = 1 << 20;

    public PlatformTunnelOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (host.isBlank() || port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("a tunnel target needs a host and a port 1..65535: " + host + ":" + port);
        }
        if (chunksize < MIN_CHUNK_SIZE || chunksize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunksize must be " + MIN_CHUNK_SIZE + ".." + MAX_CHUNK_SIZE + ": "
                    + chunksize);
        }
        if (idleTimeout.toMillis() < 1 || idleTimeout.toMillis() > Integer.MAX_VALUE
                || readTimeout.isNegative() || readTimeout.toMillis() > Integer.MAX_VALUE || numConnects == 0) {
            throw new IllegalArgumentException("bad tunnel timeouts or connect count");
        }
    }

    /** A tunnel to {@code host:port} with the SDK's defaults. */
    public static PlatformTunnelOptions to(String host, int port) {
        return new PlatformTunnelOptions(host, port, DEFAULT_CHUNK_SIZE, DEFAULT_IDLE_TIMEOUT, DEFAULT_READ_TIMEOUT, 1);
    }

    public PlatformTunnelOptions withChunkSize(int size) {
        return new PlatformTunnelOptions(host, port, size, idleTimeout, readTimeout, numConnects);
    }

    public PlatformTunnelOptions withIdleTimeout(Duration timeout) {
        return new PlatformTunnelOptions(host, port, chunksize, timeout, readTimeout, numConnects);
    }

    public PlatformTunnelOptions withNumConnects(int n) {
        return new PlatformTunnelOptions(host, port, chunksize, idleTimeout, readTimeout, n);
    }

    public String target() {
        return host + ":" + port;
    }
}

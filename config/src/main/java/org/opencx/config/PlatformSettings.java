package org.opencx.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The platform link's settings, with the reference product's keys under
 * {@code cx-server.transport.websockets} and its defaults.
 *
 * @param platforms       {@code platforms}: the {@code /Thingworx/WS} URL of each platform node, each with
 *                        its own {@code pipeCount} pipes; empty when the nodes come from ZooKeeper
 * @param appKey          {@code app-key}: the CS's application key (a secret)
 * @param thingName       {@code cx-server.thing.name}: the gateway thing the CS binds as
 * @param pipeCount       {@code connections.pipe-count}: pipes to each node (5)
 * @param pingRate        {@code connections.pingRate} (30 s)
 * @param idleReadTimeout {@code connections.idleReadTimeout}: no read this long, the pipe is
 *                        dropped and reopened (60 s)
 * @param highWaterMark   {@code connections.highWaterMark}: above it a pipe is skipped (64k)
 * @param lowWaterMark    {@code connections.lowWaterMark}: below it a pipe is writable again (32k)
 * @param connectTimeout  {@code connections.timeout-ms} (10 s)
 * @param reconnectMin    first back-off before reopening a pipe; doubles up to reconnectMax, jittered
 * @param reconnectMax    longest back-off
 * @param authTimeout     {@code authentication.timeout-ms}: how long a pipe waits for the answer to
 *                        its AUTH (10 s)
 * @param ioThreads       {@code iothread.count}: I/O threads serving the edges and the pipes; 0, the
 *                        default, is one per core and at least 2 (the reference product's Netty default is 8)
 */
public record PlatformSettings(List<URI> platforms, String appKey, String thingName, int pipeCount,
                               Duration pingRate, Duration idleReadTimeout, long highWaterMark,
                               long lowWaterMark, Duration connectTimeout, Duration reconnectMin,
                               Duration reconnectMax, Duration authTimeout, int ioThreads) {
    /** The gateway type a CS binds with (platform-link section 1). */
    public static final String GATEWAY_TYPE = "ConnectionServer";
    /** Pipes advertise this frame size, so the platform sends whole messages to the CS. */
    public static final int PIPE_FRAME_SIZE = 1_048_576 + 64;
    /** {@code authentication.timeout-ms}'s default. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);

    public PlatformSettings {
        platforms = List.copyOf(platforms);
        Objects.requireNonNull(appKey, "app-key");
        Objects.requireNonNull(thingName, "thing name");
        if (pipeCount < 1 || lowWaterMark > highWaterMark) {
            throw new IllegalArgumentException("pipe-count must be positive and lowWaterMark <= highWaterMark");
        }
        Objects.requireNonNull(authTimeout, "authentication timeout");
        if (ioThreads < 0) {
            throw new IllegalArgumentException("iothread.count must be 0 (one per core) or more: " + ioThreads);
        }
    }

    /** The settings with one I/O thread per core ({@code ioThreads} 0). */
    public PlatformSettings(List<URI> platforms, String appKey, String thingName, int pipeCount, Duration pingRate,
                            Duration idleReadTimeout, long highWaterMark, long lowWaterMark, Duration connectTimeout,
                            Duration reconnectMin, Duration reconnectMax, Duration authTimeout) {
        this(platforms, appKey, thingName, pipeCount, pingRate, idleReadTimeout, highWaterMark, lowWaterMark,
                connectTimeout, reconnectMin, reconnectMax, authTimeout, 0);
    }

    /** The settings without {@code authTimeout}, which takes its default (10 s). */
    public PlatformSettings(List<URI> platforms, String appKey, String thingName, int pipeCount, Duration pingRate,
                            Duration idleReadTimeout, long highWaterMark, long lowWaterMark, Duration connectTimeout,
                            Duration reconnectMin, Duration reconnectMax) {
        this(platforms, appKey, thingName, pipeCount, pingRate, idleReadTimeout, highWaterMark, lowWaterMark,
                connectTimeout, reconnectMin, reconnectMax, DEFAULT_AUTH_TIMEOUT);
    }

    public static PlatformSettings defaults(URI platform, String appKey, String thingName) {
        return new PlatformSettings(List.of(platform), appKey, thingName, 5, Duration.ofSeconds(30),
                Duration.ofSeconds(60), 64 * 1024, 32 * 1024, Duration.ofSeconds(10), Duration.ofMillis(250),
                Duration.ofSeconds(30), DEFAULT_AUTH_TIMEOUT, 0);
    }

    /** The same settings with other platform nodes (none: they come from ZooKeeper). */
    public PlatformSettings withPlatforms(List<URI> urls) {
        return new PlatformSettings(urls, appKey, thingName, pipeCount, pingRate, idleReadTimeout, highWaterMark,
                lowWaterMark, connectTimeout, reconnectMin, reconnectMax, authTimeout, ioThreads);
    }

    public PlatformSettings withPipeCount(int count) {
        return new PlatformSettings(platforms, appKey, thingName, count, pingRate, idleReadTimeout, highWaterMark,
                lowWaterMark, connectTimeout, reconnectMin, reconnectMax, authTimeout, ioThreads);
    }

    public PlatformSettings withReconnectBackoff(Duration min, Duration max) {
        return new PlatformSettings(platforms, appKey, thingName, pipeCount, pingRate, idleReadTimeout, highWaterMark,
                lowWaterMark, connectTimeout, min, max, authTimeout, ioThreads);
    }

    public PlatformSettings withKeepAlive(Duration ping, Duration idleRead) {
        return new PlatformSettings(platforms, appKey, thingName, pipeCount, ping, idleRead, highWaterMark,
                lowWaterMark, connectTimeout, reconnectMin, reconnectMax, authTimeout, ioThreads);
    }

    public PlatformSettings withWaterMarks(long high, long low) {
        return new PlatformSettings(platforms, appKey, thingName, pipeCount, pingRate, idleReadTimeout, high, low,
                connectTimeout, reconnectMin, reconnectMax, authTimeout, ioThreads);
    }

    /** The same settings with {@code iothread.count} I/O threads (0: one per core, at least 2). */
    public PlatformSettings withIoThreads(int count) {
        return new PlatformSettings(platforms, appKey, thingName, pipeCount, pingRate, idleReadTimeout, highWaterMark,
                lowWaterMark, connectTimeout, reconnectMin, reconnectMax, authTimeout, count);
    }

    /** The I/O threads to start: {@code ioThreads}, or one per core and at least 2 when it is 0. */
    public int ioThreadsToStart() {
        return ioThreads > 0 ? ioThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String toString() {
        return "PlatformSettings[" + platforms + ", thing=" + thingName + ", pipes=" + pipeCount + ", appKey=***]";
    }
}

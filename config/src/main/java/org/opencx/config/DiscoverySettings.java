package org.opencx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Platform nodes from ZooKeeper, and this server's own registration there, under
 * {@code cx-server.discovery} (the reference product's keys, plus a few of ours). Present only when
 * {@code connectionString} is set; then {@code transport.websockets.platforms} may be absent.
 *
 * @param connectionString  {@code connectionString}: the ensemble, {@code "zk1:2181,zk2:2181,zk3:2181"}
 *                          (a {@code /chroot} suffix is allowed, as ZooKeeper reads it)
 * @param basePath          {@code basePath}: where the services are registered ({@code /services})
 * @param serviceName       the platform's service: {@code service-name}, else {@code thingworx-https}
 *                          with TLS toward the platform and {@code thingworx-http} without
 * @param tls               the discovered nodes are dialled with wss ({@code transport.websockets.tls-enabled},
 *                          else what the service name says, else true)
 * @param sasl              SASL (Kerberos) toward ZooKeeper, or null ({@code sasl-enabled} false)
 * @param sessionTimeout    {@code session-timeout} (ours): the ZooKeeper session's timeout (60 s; the
 *                          ensemble may shorten it)
 * @param connectionTimeout {@code connection-timeout} (ours): how long one connection attempt may take (15 s)
 * @param retry             {@code retry.*} (ours): the back-off between attempts
 * @param leaveDelay        {@code leave-delay} (ours): a node whose registration is gone this long loses
 *                          its pipes (2 s); one whose entry is only rewritten (Curator deletes and
 *                          re-creates it when its client reconnects) keeps them
 * @param advertisedHost    {@code advertised-host} (ours): the host in the edge URL this server registers;
 *                          null: the first site-local address, else the listener's host
 */
public record DiscoverySettings(String connectionString, String basePath, String serviceName, boolean tls,
                                ZooKeeperSasl sasl, Duration sessionTimeout, Duration connectionTimeout,
                                Retry retry, Duration leaveDelay, String advertisedHost) {
    /** The service a platform node registers when it serves https (and wss). */
    public static final String HTTPS_SERVICE = "thingworx-https";
    /** The service a platform node registers when it serves plain http (and ws). */
    public static final String HTTP_SERVICE = "thingworx-http";
    /** The service every Connection Server registers itself under. */
    public static final String SERVER_SERVICE = "cxserver";
    public static final String DEFAULT_BASE_PATH = "/services";
    /** Curator's {@code ExponentialBackoffRetry} takes at most this many retries. */
    public static final int MAX_RETRIES_LIMIT = 29;
    public static final Duration DEFAULT_LEAVE_DELAY = Duration.ofSeconds(2);

    /**
     * Back-off toward ZooKeeper: Curator's {@code ExponentialBackoffRetry(baseSleep, maxRetries, maxSleep)}
     * for each operation, and the same bounds between two attempts to start watching or registering.
     *
     * @param baseSleep  {@code retry.base-sleep}: the first pause (1 s), doubled (with jitter) after each failure
     * @param maxSleep   {@code retry.max-sleep}: the longest pause (30 s)
     * @param maxRetries {@code retry.max-retries}: retries of one operation before it fails (29, the most
     *                   Curator takes); the client itself keeps reconnecting
     */
    public record Retry(Duration baseSleep, Duration maxSleep, int maxRetries) {
        public static final Retry DEFAULTS = new Retry(Duration.ofSeconds(1), Duration.ofSeconds(30), MAX_RETRIES_LIMIT);

        public Retry {
            if (baseSleep.isNegative() || baseSleep.isZero() || maxSleep.compareTo(baseSleep) < 0) {
                throw new IllegalArgumentException("retry: base-sleep must be positive and at most max-sleep");
            }
            if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
                throw new IllegalArgumentException("retry: max-retries must be 0 to " + MAX_RETRIES_LIMIT);
            }
        }
    }

    /**
     * SASL toward ZooKeeper: the files the JVM's Kerberos and JAAS login read.
     *
     * @param krb5Conf {@code sasl.krb5-conf.file}: the Kerberos configuration ({@code java.security.krb5.conf})
     * @param jaasFile {@code sasl-jaas-file}: the JAAS configuration with a {@code Client} section
     *                 ({@code java.security.auth.login.config})
     */
    public record ZooKeeperSasl(java.nio.file.Path krb5Conf, java.nio.file.Path jaasFile) {
        public ZooKeeperSasl {
            Objects.requireNonNull(krb5Conf, "krb5-conf file");
            Objects.requireNonNull(jaasFile, "jaas file");
        }
    }

    public DiscoverySettings {
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(serviceName, "service name");
        Objects.requireNonNull(retry, "retry");
        if (leaveDelay.isNegative()) {
            throw new IllegalArgumentException("the leave delay must not be negative");
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero() || connectionTimeout.isNegative()
                || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("the session and connection timeouts must be positive");
        }
    }

    /** Discovery from this ensemble with every default: {@code /services}, {@code thingworx-https}, no SASL. */
    public static DiscoverySettings of(String connectionString) {
        return new DiscoverySettings(connectionString, DEFAULT_BASE_PATH, HTTPS_SERVICE, true, null,
                Duration.ofSeconds(60), Duration.ofSeconds(15), Retry.DEFAULTS, DEFAULT_LEAVE_DELAY, null);
    }

    /** The platform's service, and whether its nodes are dialled with wss. */
    public DiscoverySettings withService(String name, boolean wss) {
        return new DiscoverySettings(connectionString, basePath, name, wss, sasl, sessionTimeout, connectionTimeout,
                retry, leaveDelay, advertisedHost);
    }

    public DiscoverySettings withBasePath(String path) {
        return new DiscoverySettings(connectionString, path, serviceName, tls, sasl, sessionTimeout, connectionTimeout,
                retry, leaveDelay, advertisedHost);
    }

    public DiscoverySettings withAdvertisedHost(String host) {
        return new DiscoverySettings(connectionString, basePath, serviceName, tls, sasl, sessionTimeout,
                connectionTimeout, retry, leaveDelay, host);
    }

    public DiscoverySettings withTimeouts(Duration session, Duration connection, Retry r) {
        return new DiscoverySettings(connectionString, basePath, serviceName, tls, sasl, session, connection, r,
                leaveDelay, advertisedHost);
    }

    public DiscoverySettings withLeaveDelay(Duration delay) {
        return new DiscoverySettings(connectionString, basePath, serviceName, tls, sasl, sessionTimeout,
                connectionTimeout, retry, delay, advertisedHost);
    }
}

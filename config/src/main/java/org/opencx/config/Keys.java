package org.opencx.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.opencx.config.ValueTypes.BOOLEAN;
import static org.opencx.config.ValueTypes.DURATION;
import static org.opencx.config.ValueTypes.FILE;
import static org.opencx.config.ValueTypes.INT;
import static org.opencx.config.ValueTypes.PLATFORM_URLS;
import static org.opencx.config.ValueTypes.SECRET;
import static org.opencx.config.ValueTypes.SIZE;
import static org.opencx.config.ValueTypes.STRING;
import static org.opencx.config.ValueTypes.STRINGS;

/**
 * Every key the server reads: the one place that knows each path, how it is read and what it must
 * satisfy. Defaults live in {@code reference.conf}; a test keeps the two in step.
 */
final class Keys {
    static final String ROOT = "cx-server";
    private static final String PROTOCOL = ROOT + ".protocol.";
    private static final String SSL = PROTOCOL + "http-server.ssl.";
    private static final String EDGE = ROOT + ".websockets.";
    private static final String LINK = ROOT + ".transport.websockets.";
    private static final String ROUTING = ROOT + ".routing.";
    private static final String METRICS = ROOT + ".metrics.";
    private static final String DISCOVERY = ROOT + ".discovery.";
    private static final String HTTP_CLIENT = PROTOCOL + "http-client.";
    /** The reference's documentation also spells the HTTP client's group this way. */
    private static final String HTTP_CLIENT_ALIAS = ROOT + ".http-client.";
    private static final String TUNNELING = ROOT + ".tunneling.";

    // The edge listener and its TLS.
    static final Key<Integer> PORT = Key.of(PROTOCOL + "port", INT, Check.PORT);
    static final Key<String> HOST = Key.of(PROTOCOL + "host", STRING, Check.NOT_BLANK);
    static final Key<Boolean> SSL_ENABLED = Key.of(SSL + "enabled", BOOLEAN);
    static final StoreKeys KEY_STORE = StoreKeys.under(SSL + "key-store");
    static final Key<List<String>> ADDITIONAL_CIPHER_SUITES = Key.of(SSL + "additional-cipher-suites", STRINGS);
    static final Key<ClientAuthentication> CLIENT_AUTHENTICATION = Key.of(
            SSL + "client-authentication.authentication-mode", ValueTypes.oneOf(ClientAuthentication.class));
    static final StoreKeys CLIENT_TRUST_STORE = StoreKeys.under(SSL + "client-authentication.trust-store");
    // What the listener allows a request before a handler sees it (ours).
    static final Key<Duration> REQUEST_PARSE_TIMEOUT =
            Key.of(PROTOCOL + "request-parse-timeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> NO_REQUEST_TIMEOUT =
            Key.of(PROTOCOL + "no-request-timeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Long> MAX_HEADER_SIZE = Key.of(PROTOCOL + "max-header-size", SIZE, Check.POSITIVE_INT_SIZE);
    static final Key<Integer> MAX_HEADERS = Key.of(PROTOCOL + "max-headers", INT, Check.POSITIVE);
    // What the listener admits (ours).
    static final Key<Integer> MAX_CONNECTIONS = Key.of(PROTOCOL + "max-connections", INT, Check.POSITIVE);
    static final Key<Integer> MAX_NEW_CONNECTIONS_PER_SECOND =
            Key.of(PROTOCOL + "max-new-connections-per-second", INT, Check.POSITIVE);
    static final Key<Integer> MAX_NEW_CONNECTIONS_BURST = Key.of(PROTOCOL + "max-new-connections-burst", INT, Check.POSITIVE);
    static final Key<Integer> MAX_CONNECTING = Key.of(PROTOCOL + "max-connecting", INT, Check.POSITIVE);

    // Edge sockets.
    static final Key<Duration> IDLE_TIMEOUT = Key.of(EDGE + "idle-timeout-ms", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> AUTH_REQUEST_TIMEOUT =
            Key.of(EDGE + "auth-request-timeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Integer> MAX_PARTIAL_MESSAGES = Key.of(EDGE + "max-partial-messages", INT, Check.POSITIVE);
    static final Key<Long> MAX_QUEUED_BYTES = Key.of(EDGE + "max-queued-bytes", SIZE, Check.POSITIVE_SIZE);
    static final Key<Boolean> COMPRESSION = Key.of(EDGE + "compression", BOOLEAN);
    static final Key<Integer> MAX_COMPRESSED_SESSIONS = Key.of(EDGE + "max-compressed-sessions", INT, Check.NON_NEGATIVE);
    static final Key<Integer> ALIVENESS_FREQUENCY =
            Key.of(LINK + "aliveness-check.frequency-secs", INT, Check.POSITIVE);
    static final Key<Integer> ALIVENESS_IDLE_PERIOD =
            Key.of(LINK + "aliveness-check.idle-period-secs", INT, Check.POSITIVE);

    // The platform link.
    static final Key<Secret> APP_KEY = Key.of(LINK + "app-key", SECRET);
    static final Key<List<URI>> PLATFORMS = Key.of(LINK + "platforms", PLATFORM_URLS).orAbsent();
    static final Key<Boolean> PLATFORM_TLS = Key.of(LINK + "tls-enabled", BOOLEAN).orAbsent();
    static final Key<String> THING_NAME = Key.of(ROOT + ".thing.name", STRING, Check.NOT_BLANK).orAbsent();
    static final Key<Duration> AUTH_TIMEOUT =
            Key.of(LINK + "authentication.timeout-ms", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> REQUEST_TIMEOUT = Key.of(LINK + "request.default_timeout-ms", DURATION,
            Check.POSITIVE_DURATION).alias(LINK + "request.default_timeout.ms");
    static final Key<Long> MAX_MESSAGE_SIZE = Key.of(LINK + "max-msg-size-bytes", SIZE, Check.POSITIVE_INT_SIZE);
    static final Key<Integer> PIPE_COUNT = Key.of(LINK + "connections.pipe-count", INT, Check.POSITIVE);
    static final Key<Integer> IO_THREADS = Key.of(LINK + "iothread.count", INT, Check.NON_NEGATIVE);
    static final Key<Duration> CONNECT_TIMEOUT =
            Key.of(LINK + "connections.timeout-ms", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> PING_RATE = Key.of(LINK + "connections.pingRate", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> IDLE_READ_TIMEOUT =
            Key.of(LINK + "connections.idleReadTimeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Long> HIGH_WATER_MARK = Key.of(LINK + "connections.highWaterMark", SIZE, Check.POSITIVE_SIZE);
    static final Key<Long> LOW_WATER_MARK = Key.of(LINK + "connections.lowWaterMark", SIZE, Check.POSITIVE_SIZE);
    static final StoreKeys PLATFORM_TRUST_STORE = StoreKeys.under(LINK + "ssl.trust-store");
    static final Key<Boolean> HOST_NAME_VERIFICATION = Key.of(LINK + "ssl.host-name-verification", BOOLEAN);

    // Routing limits, health, shutdown.
    static final Key<Integer> MAX_PENDING_REQUESTS = Key.of(ROUTING + "max-pending-requests", INT, Check.POSITIVE);
    static final Key<Integer> MAX_SESSIONS = Key.of(ROUTING + "max-sessions", INT, Check.POSITIVE);
    static final Key<Integer> REPLAY_CONCURRENCY = Key.of(ROUTING + "replay-concurrency", INT, Check.POSITIVE);
    static final Key<Integer> MAX_THINGS_PER_BIND = Key.of(ROUTING + "max-things-per-bind", INT, Check.POSITIVE);
    static final Key<Integer> MAX_THINGS_PER_SESSION = Key.of(ROUTING + "max-things-per-session", INT, Check.POSITIVE);
    static final Key<Integer> MAX_AUTHS_IN_FLIGHT = Key.of(ROUTING + "max-auths-in-flight", INT, Check.POSITIVE);
    // Platform nodes: node choice, moving sessions, the grace period without any node.
    static final Key<NodeChoiceRule> NODE_CHOICE = Key.of(ROUTING + "node-choice", ValueTypes.oneOf(NodeChoiceRule.class));
    static final Key<Duration> UNWRITABLE_MOVE_AFTER =
            Key.of(ROUTING + "unwritable-move-after", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> NO_PLATFORM_GRACE =
            Key.of(ROUTING + "no-platform.grace-period", DURATION, Check.NON_NEGATIVE_DURATION);
    static final Key<Integer> NO_PLATFORM_CLOSE_BATCH = Key.of(ROUTING + "no-platform.close-batch", INT, Check.POSITIVE);
    static final Key<Duration> NO_PLATFORM_CLOSE_INTERVAL =
            Key.of(ROUTING + "no-platform.close-interval", DURATION, Check.POSITIVE_DURATION);
    static final Key<Integer> HEALTH_CHECK_PORT = Key.of(ROOT + ".health-check.port", INT, Check.PORT);
    static final Key<Secret> ADMIN_TOKEN =
            Key.of(ROOT + ".health-check.admin-token", SECRET, Check.ADMIN_TOKEN).orAbsent();
    static final Key<Duration> SHUTDOWN_TIMEOUT = Key.of(ROOT + ".shutdown.timeout", DURATION, Check.POSITIVE_DURATION);

    // Remote access: tunnels, TWS and HTTP pass-through (cx-tunnel).
    static final Key<Integer> MAX_CONCURRENT_TUNNELS = Key.of(TUNNELING + "max-concurrent-tunnels", INT, Check.POSITIVE);
    static final Key<List<String>> HEADERS_TO_COPY =
            Key.of(TUNNELING + "headers-to-copy", STRINGS, Check.COPYABLE_HEADERS);
    static final Key<Duration> TUNNEL_IDLE_TIMEOUT = Key.of(TUNNELING + "idle-timeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Boolean> KEEP_ALIVE_ENABLED = httpClient("keep-alive-enabled", BOOLEAN, Check.any());
    static final Key<Integer> MAX_CONNECTION_POOL_SIZE = httpClient("max-connection-pool-size", INT, Check.POSITIVE);
    static final Key<Integer> MAX_WEBSOCKETS = httpClient("max-websockets", INT, Check.POSITIVE);
    static final Key<Duration> HTTP_CONNECT_TIMEOUT = httpClient("connect-timeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> HTTP_REQUEST_TIMEOUT = httpClient("request-timeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Long> MAX_REQUEST_BODY = httpClient("max-request-body", SIZE, Check.POSITIVE_SIZE);
    static final StoreKeys HTTP_CLIENT_TRUST_STORE =
            StoreKeys.under(HTTP_CLIENT + "ssl.trust-store", HTTP_CLIENT_ALIAS + "ssl.trust-store");
    static final StoreKeys HTTP_CLIENT_KEY_STORE =
            StoreKeys.under(HTTP_CLIENT + "ssl.key-store", HTTP_CLIENT_ALIAS + "ssl.key-store");

    // Metrics (the reference's metrics.* group, placed under cx-server).
    static final Key<Boolean> METRICS_ENABLED = Key.of(METRICS + "enabled", BOOLEAN);
    static final Key<Boolean> SLF4J_REPORTER_ENABLED = Key.of(METRICS + "reporters.slf4j.enabled", BOOLEAN);
    static final Key<Integer> SLF4J_REPORTER_PERIOD =
            Key.of(METRICS + "reporters.slf4j.period_in_seconds", INT, Check.POSITIVE);
    static final Key<Boolean> PLATFORM_REPORTER_ENABLED = Key.of(METRICS + "reporters.platform.enabled", BOOLEAN);
    static final Key<Duration> PLATFORM_REPORTER_PERIOD =
            Key.of(METRICS + "reporters.platform.period", DURATION, Check.POSITIVE_DURATION);

    // ZooKeeper: platform nodes discovered, this server registered.
    static final Key<String> CONNECTION_STRING =
            Key.of(DISCOVERY + "connectionString", STRING, Check.ZOOKEEPER_CONNECTION_STRING).orAbsent();
    static final Key<String> BASE_PATH = Key.of(DISCOVERY + "basePath", STRING, Check.ZOOKEEPER_PATH);
    static final Key<String> SERVICE_NAME =
            Key.of(DISCOVERY + "service-name", STRING, Check.ZOOKEEPER_NODE_NAME).orAbsent();
    static final Key<Boolean> SASL_ENABLED = Key.of(DISCOVERY + "sasl-enabled", BOOLEAN);
    static final Key<Path> SASL_KRB5_CONF = Key.of(DISCOVERY + "sasl.krb5-conf.file", FILE).orAbsent();
    static final Key<Path> SASL_JAAS_FILE = Key.of(DISCOVERY + "sasl-jaas-file", FILE).orAbsent();
    static final Key<Duration> ZK_SESSION_TIMEOUT =
            Key.of(DISCOVERY + "session-timeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> ZK_CONNECTION_TIMEOUT =
            Key.of(DISCOVERY + "connection-timeout", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> ZK_RETRY_BASE_SLEEP =
            Key.of(DISCOVERY + "retry.base-sleep", DURATION, Check.POSITIVE_DURATION);
    static final Key<Duration> ZK_RETRY_MAX_SLEEP =
            Key.of(DISCOVERY + "retry.max-sleep", DURATION, Check.POSITIVE_DURATION);
    static final Key<Integer> ZK_RETRY_MAX_RETRIES = Key.of(DISCOVERY + "retry.max-retries", INT, Check.CURATOR_RETRIES);
    static final Key<Duration> ZK_LEAVE_DELAY = Key.of(DISCOVERY + "leave-delay", DURATION, Check.NON_NEGATIVE_DURATION);
    static final Key<String> ADVERTISED_HOST = Key.of(DISCOVERY + "advertised-host", STRING, Check.NOT_BLANK).orAbsent();

    static final List<Key<?>> ALL = all();

    private Keys() {
    }

    /** A key of {@code cx-server.protocol.http-client}, also read under {@code cx-server.http-client}. */
    private static <T> Key<T> httpClient(String name, ValueType<T> type, Check<? super T> check) {
        return Key.of(HTTP_CLIENT + name, type, check).alias(HTTP_CLIENT_ALIAS + name);
    }

    private static List<Key<?>> all() {
        List<Key<?>> keys = new ArrayList<>(List.of(PORT, HOST, SSL_ENABLED, ADDITIONAL_CIPHER_SUITES,
                CLIENT_AUTHENTICATION, IDLE_TIMEOUT, AUTH_REQUEST_TIMEOUT, MAX_PARTIAL_MESSAGES, MAX_QUEUED_BYTES,
                COMPRESSION, ALIVENESS_FREQUENCY, ALIVENESS_IDLE_PERIOD, APP_KEY, PLATFORMS, THING_NAME, AUTH_TIMEOUT, REQUEST_TIMEOUT, MAX_MESSAGE_SIZE,
                PIPE_COUNT, IO_THREADS, CONNECT_TIMEOUT, PING_RATE, IDLE_READ_TIMEOUT, HIGH_WATER_MARK, LOW_WATER_MARK,
                HOST_NAME_VERIFICATION, MAX_PENDING_REQUESTS, MAX_SESSIONS, REPLAY_CONCURRENCY, HEALTH_CHECK_PORT,
                ADMIN_TOKEN, SHUTDOWN_TIMEOUT, METRICS_ENABLED, SLF4J_REPORTER_ENABLED, SLF4J_REPORTER_PERIOD,
                PLATFORM_REPORTER_ENABLED, PLATFORM_REPORTER_PERIOD, MAX_CONCURRENT_TUNNELS, HEADERS_TO_COPY,
                TUNNEL_IDLE_TIMEOUT, KEEP_ALIVE_ENABLED, MAX_CONNECTION_POOL_SIZE, MAX_WEBSOCKETS, HTTP_CONNECT_TIMEOUT,
                HTTP_REQUEST_TIMEOUT, MAX_REQUEST_BODY));
        keys.addAll(List.of(NODE_CHOICE, UNWRITABLE_MOVE_AFTER, NO_PLATFORM_GRACE, NO_PLATFORM_CLOSE_BATCH,
                NO_PLATFORM_CLOSE_INTERVAL, REQUEST_PARSE_TIMEOUT, NO_REQUEST_TIMEOUT, MAX_HEADER_SIZE, MAX_HEADERS,
                MAX_THINGS_PER_BIND, MAX_THINGS_PER_SESSION));
        keys.addAll(List.of(PLATFORM_TLS, CONNECTION_STRING, BASE_PATH, SERVICE_NAME, SASL_ENABLED, SASL_KRB5_CONF,
                SASL_JAAS_FILE, ZK_SESSION_TIMEOUT, ZK_CONNECTION_TIMEOUT, ZK_RETRY_BASE_SLEEP, ZK_RETRY_MAX_SLEEP,
                ZK_RETRY_MAX_RETRIES, ZK_LEAVE_DELAY, ADVERTISED_HOST));
        keys.addAll(List.of(MAX_CONNECTIONS, MAX_NEW_CONNECTIONS_PER_SECOND, MAX_NEW_CONNECTIONS_BURST, MAX_CONNECTING,
                MAX_COMPRESSED_SESSIONS, MAX_AUTHS_IN_FLIGHT));
        for (StoreKeys store : List.of(KEY_STORE, CLIENT_TRUST_STORE, PLATFORM_TRUST_STORE, HTTP_CLIENT_TRUST_STORE,
                HTTP_CLIENT_KEY_STORE)) {
            keys.addAll(store.all());
        }
        return List.copyOf(keys);
    }
}

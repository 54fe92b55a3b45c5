package org.opencx.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.opencx.config.Keys.*;
import static org.opencx.config.ValueTypes.PLATFORM_URLS;

/**
 * Reads every key through a {@link KeyReader}, checks what no single key can (water marks, a key
 * store when TLS is on, the stores' contents), and builds the settings records. Every key is read
 * even after a problem, so that all problems are reported at once; the records are only built
 * when there is none.
 */
final class SettingsAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);

    private final KeyReader in;

    SettingsAssembler(KeyReader in) {
        this.in = in;
    }

    /** The settings, or null when {@link KeyReader#problems()} says why not. */
    CxServerSettings assemble() {
        EdgeEndpointSettings edge = edge();
        EdgeTlsSettings edgeTls = edgeTls();
        PlatformSettings platform = platform();
        PlatformTlsSettings platformTls = platformTls();
        RoutingSettings routing = routing();
        Integer healthCheckPort = in.get(HEALTH_CHECK_PORT);
        Secret adminToken = in.get(ADMIN_TOKEN);
        Duration shutdownTimeout = in.get(SHUTDOWN_TIMEOUT);
        MetricsSettings metrics = metrics();
        TunnelSettings tunneling = tunneling();
        HttpClientSettings httpClient = httpClient();
        DiscoverySettings discovery = new DiscoveryAssembler(in).assemble();
        return in.hasProblems() ? null : new CxServerSettings(edge, edgeTls, platform, platformTls, routing,
                healthCheckPort, shutdownTimeout, metrics, adminToken, tunneling, httpClient, discovery);
    }

    private TunnelSettings tunneling() {
        Integer maxTunnels = in.get(MAX_CONCURRENT_TUNNELS);
        List<String> headers = in.get(HEADERS_TO_COPY);
        Duration idleTimeout = in.get(TUNNEL_IDLE_TIMEOUT);
        return in.hasProblems() ? null : new TunnelSettings(maxTunnels, headers, idleTimeout,
                TunnelSettings.DEFAULTS.maxSocketsPerTunnel());
    }

    private HttpClientSettings httpClient() {
        Boolean keepAlive = in.get(KEEP_ALIVE_ENABLED);
        Integer poolSize = in.get(MAX_CONNECTION_POOL_SIZE);
        Integer maxWebSockets = in.get(MAX_WEBSOCKETS);
        Duration connectTimeout = in.get(HTTP_CONNECT_TIMEOUT);
        Duration requestTimeout = in.get(HTTP_REQUEST_TIMEOUT);
        Long maxRequestBody = in.get(MAX_REQUEST_BODY);
        KeyStoreRef trustStore = KeyStoreChecks.read(in, HTTP_CLIENT_TRUST_STORE);
        KeyStoreRef keyStore = KeyStoreChecks.read(in, HTTP_CLIENT_KEY_STORE);
        if (trustStore != null) {
            KeyStoreChecks.checkTrustStore(in, HTTP_CLIENT_TRUST_STORE, trustStore);
        }
        if (keyStore != null) {
            KeyStoreChecks.checkKeyStore(in, HTTP_CLIENT_KEY_STORE, keyStore);
        }
        return in.hasProblems() ? null : new HttpClientSettings(keepAlive, poolSize, maxWebSockets, trustStore, keyStore,
                connectTimeout, requestTimeout, maxRequestBody);
    }

    private MetricsSettings metrics() {
        Boolean enabled = in.get(METRICS_ENABLED);
        Boolean slf4j = in.get(SLF4J_REPORTER_ENABLED);
        Integer period = in.get(SLF4J_REPORTER_PERIOD);
        Boolean platform = in.get(PLATFORM_REPORTER_ENABLED);
        Duration platformPeriod = in.get(PLATFORM_REPORTER_PERIOD);
        return in.hasProblems() ? null
                : new MetricsSettings(enabled, new MetricsSettings.Reporter(slf4j, Duration.ofSeconds(period)),
                        new MetricsSettings.Reporter(platform, platformPeriod));
    }

    private EdgeEndpointSettings edge() {
        String host = in.get(HOST);
        Integer port = in.get(PORT);
        Duration authRequestTimeout = in.get(AUTH_REQUEST_TIMEOUT);
        Duration idleTimeout = in.get(IDLE_TIMEOUT);
        Long maxMessageSize = in.get(MAX_MESSAGE_SIZE);
        Integer maxPartialMessages = in.get(MAX_PARTIAL_MESSAGES);
        Long maxQueuedBytes = in.get(MAX_QUEUED_BYTES);
        Boolean compression = in.get(COMPRESSION);
        Integer alivenessFrequency = in.get(ALIVENESS_FREQUENCY);
        Integer alivenessIdlePeriod = in.get(ALIVENESS_IDLE_PERIOD);
        Duration requestParseTimeout = in.get(REQUEST_PARSE_TIMEOUT);
        Duration noRequestTimeout = in.get(NO_REQUEST_TIMEOUT);
        Long maxHeaderSize = in.get(MAX_HEADER_SIZE);
        Integer maxHeaders = in.get(MAX_HEADERS);
        OverloadLimits overload = overload();
        if (in.hasProblems()) {
            return null;
        }
        EdgeEndpointSettings d = EdgeEndpointSettings.DEFAULTS;
        return new EdgeEndpointSettings(host, port, d.path(), authRequestTimeout, idleTimeout,
                Math.toIntExact(maxMessageSize), maxPartialMessages, d.multipartTimeout(), maxQueuedBytes, compression,
                d.deflateReserve(), new EdgeEndpointSettings.AlivenessCheck(Duration.ofSeconds(alivenessFrequency),
                        Duration.ofSeconds(alivenessIdlePeriod)),
                new RequestLimits(requestParseTimeout, noRequestTimeout, Math.toIntExact(maxHeaderSize), maxHeaders),
                overload);
    }

    private OverloadLimits overload() {
        Integer maxConnections = in.get(MAX_CONNECTIONS);
        Integer perSecond = in.get(MAX_NEW_CONNECTIONS_PER_SECOND);
        Integer burst = in.get(MAX_NEW_CONNECTIONS_BURST);
        Integer connecting = in.get(MAX_CONNECTING);
        Integer compressed = in.get(MAX_COMPRESSED_SESSIONS);
        return in.hasProblems() ? null : new OverloadLimits(maxConnections, perSecond, burst, connecting, compressed);
    }

    private EdgeTlsSettings edgeTls() {
        Boolean enabled = in.get(SSL_ENABLED);
        List<String> additionalCipherSuites = in.get(ADDITIONAL_CIPHER_SUITES);
        ClientAuthentication clientAuthentication = in.get(CLIENT_AUTHENTICATION);
        boolean on = !Boolean.FALSE.equals(enabled);
        if (on) {
            in.require(KEY_STORE.file(), ValueTypes.FILE.expected() + " (a key store is required while "
                    + SSL_ENABLED.path() + " is true)");
        }
        KeyStoreRef keyStore = KeyStoreChecks.read(in, KEY_STORE);
        KeyStoreRef clientTrustStore = KeyStoreChecks.read(in, CLIENT_TRUST_STORE);
        if (!on) {
            LOG.warn("{} is false: edges connect over plain ws://", SSL_ENABLED.path());
            return EdgeTlsSettings.disabled();
        }
        if (keyStore != null) {
            KeyStoreChecks.checkKeyStore(in, KEY_STORE, keyStore);
        }
        if (clientTrustStore != null) {
            KeyStoreChecks.checkTrustStore(in, CLIENT_TRUST_STORE, clientTrustStore);
        }
        // No key sets protocols or the base cipher list: empty lists stand for the TLS builders' defaults
        // (TLSv1.3 and TLSv1.2, the modern suites); additional-cipher-suites are checked when TLS is built.
        return in.hasProblems() ? null : new EdgeTlsSettings(true, keyStore, clientAuthentication, clientTrustStore,
                List.of(), List.of(), additionalCipherSuites);
    }

    private PlatformSettings platform() {
        Secret appKey = in.get(APP_KEY);
        List<URI> platforms = platformUrls();
        String thingName = thingName();
        Integer pipeCount = in.get(PIPE_COUNT);
        Integer ioThreads = in.get(IO_THREADS);
        Duration pingRate = in.get(PING_RATE);
        Duration idleReadTimeout = in.get(IDLE_READ_TIMEOUT);
        Long highWaterMark = in.get(HIGH_WATER_MARK);
        Long lowWaterMark = in.get(LOW_WATER_MARK);
        Duration connectTimeout = in.get(CONNECT_TIMEOUT);
        Duration authTimeout = in.get(AUTH_TIMEOUT);
        if (highWaterMark != null && lowWaterMark != null && lowWaterMark > highWaterMark) {
            in.reject(LOW_WATER_MARK, "at most " + HIGH_WATER_MARK.path() + " (" + in.shown(HIGH_WATER_MARK) + ")");
        }
        if (in.hasProblems()) {
            return null;
        }
        platforms.stream().filter(url -> url.getScheme().equalsIgnoreCase("ws")).forEach(url -> LOG.warn(
                "platform {} is plain ws://: the app key and all traffic cross the network unencrypted", url));
        PlatformSettings d = PlatformSettings.defaults(URI.create("ws://defaults/"), appKey.reveal(), thingName);
        return new PlatformSettings(platforms, appKey.reveal(), thingName, pipeCount, pingRate, idleReadTimeout,
                highWaterMark, lowWaterMark, connectTimeout, d.reconnectMin(), d.reconnectMax(), authTimeout, ioThreads);
    }

    /**
     * {@code platforms}: required without discovery; with it, ignored (the nodes come from ZooKeeper),
     * which is logged when a list is given too.
     */
    private List<URI> platformUrls() {
        boolean discovery = in.has(CONNECTION_STRING);
        if (!discovery) {
            in.require(PLATFORMS, PLATFORM_URLS.expected() + " (required unless " + CONNECTION_STRING.path()
                    + " is set)");
        }
        List<URI> platforms = in.get(PLATFORMS);
        if (discovery && platforms != null) {
            LOG.warn("{} is set: the platform nodes come from ZooKeeper and {} ({}) is ignored", CONNECTION_STRING.path(),
                    PLATFORMS.path(), platforms);
            return List.of();
        }
        return platforms == null ? List.of() : platforms;
    }

    /** {@code cx-server.thing.name}, or like the reference product a generated name when it is not set. */
    private String thingName() {
        if (in.has(THING_NAME)) {
            return in.get(THING_NAME);
        }
        String name = "cxserver-" + UUID.randomUUID().toString().substring(0, 8);
        LOG.info("{} is not set: this server binds to the platform as {}; set it to keep one name across restarts",
                THING_NAME.path(), name);
        return name;
    }

    private PlatformTlsSettings platformTls() {
        KeyStoreRef trustStore = KeyStoreChecks.read(in, PLATFORM_TRUST_STORE);
        Boolean hostNameVerification = in.get(HOST_NAME_VERIFICATION);
        if (trustStore != null) {
            KeyStoreChecks.checkTrustStore(in, PLATFORM_TRUST_STORE, trustStore);
        }
        if (Boolean.FALSE.equals(hostNameVerification)) {
            LOG.warn("{} is false: the platform's certificate is not matched against its host name",
                    HOST_NAME_VERIFICATION.path());
        }
        return in.hasProblems() ? null : new PlatformTlsSettings(trustStore, hostNameVerification);
    }

    private RoutingSettings routing() {
        Duration requestTimeout = in.get(REQUEST_TIMEOUT);
        Integer maxPendingRequests = in.get(MAX_PENDING_REQUESTS);
        Integer maxSessions = in.get(MAX_SESSIONS);
        Integer replayConcurrency = in.get(REPLAY_CONCURRENCY);
        Integer maxThingsPerBind = in.get(MAX_THINGS_PER_BIND);
        Integer maxThingsPerSession = in.get(MAX_THINGS_PER_SESSION);
        Integer maxAuthsInFlight = in.get(MAX_AUTHS_IN_FLIGHT);
        FailoverSettings failover = failover();
        return in.hasProblems() ? null
                : new RoutingSettings(requestTimeout, maxPendingRequests, maxSessions, replayConcurrency, failover,
                        maxThingsPerBind, maxThingsPerSession, maxAuthsInFlight);
    }

    private FailoverSettings failover() {
        NodeChoiceRule nodeChoice = in.get(NODE_CHOICE);
        Duration unwritableMoveAfter = in.get(UNWRITABLE_MOVE_AFTER);
        Duration grace = in.get(NO_PLATFORM_GRACE);
        Integer closeBatch = in.get(NO_PLATFORM_CLOSE_BATCH);
        Duration closeInterval = in.get(NO_PLATFORM_CLOSE_INTERVAL);
        if (in.hasProblems()) {
            return null;
        }
        if (nodeChoice == NodeChoiceRule.ROUND_ROBIN) {
            LOG.info("{} is round-robin: every message goes to the next platform node, which is only right when the"
                    + " nodes share their sessions (a ThingWorx cluster)", NODE_CHOICE.path());
        }
        return new FailoverSettings(nodeChoice, unwritableMoveAfter, grace, closeBatch, closeInterval);
    }
}

package org.opencx.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.opencx.config.Keys.*;

/**
 * {@code cx-server.discovery} and {@code transport.websockets.tls-enabled}: every key is read and
 * checked, with or without a {@code connectionString}, so that a mistake shows before the day
 * discovery is turned on; the settings exist only with one.
 */
final class DiscoveryAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);

    private final KeyReader in;

    DiscoveryAssembler(KeyReader in) {
        this.in = in;
    }

    /** The settings; null without {@code connectionString} or with a problem. */
    DiscoverySettings assemble() {
        String connectionString = in.get(CONNECTION_STRING);
        String basePath = in.get(BASE_PATH);
        String serviceName = in.get(SERVICE_NAME);
        Boolean tlsEnabled = in.get(PLATFORM_TLS);
        DiscoverySettings.ZooKeeperSasl sasl = sasl();
        Duration sessionTimeout = in.get(ZK_SESSION_TIMEOUT);
        Duration connectionTimeout = in.get(ZK_CONNECTION_TIMEOUT);
        DiscoverySettings.Retry retry = retry();
        Duration leaveDelay = in.get(ZK_LEAVE_DELAY);
        String advertisedHost = in.get(ADVERTISED_HOST);
        boolean tls = tls(serviceName, tlsEnabled);
        if (in.hasProblems() || connectionString == null) {
            return null;
        }
        String service = serviceName != null ? serviceName
                : tls ? DiscoverySettings.HTTPS_SERVICE : DiscoverySettings.HTTP_SERVICE;
        if (!tls) {
            LOG.warn("platform nodes of service {} are dialled over plain ws://: the app key and all traffic cross the"
                    + " network unencrypted", service);
        }
        return new DiscoverySettings(connectionString.trim(), basePath, service, tls, sasl, sessionTimeout,
                connectionTimeout, retry, leaveDelay, advertisedHost);
    }

    /**
     * TLS toward discovered nodes: {@code tls-enabled} when given, else what a well-known service name
     * says, else on. The two must agree when both are given (the reference product says the TLS
     * setting must match the service).
     */
    private boolean tls(String serviceName, Boolean tlsEnabled) {
        Boolean byName = DiscoverySettings.HTTPS_SERVICE.equals(serviceName) ? Boolean.TRUE
                : DiscoverySettings.HTTP_SERVICE.equals(serviceName) ? Boolean.FALSE : null;
        if (tlsEnabled != null && byName != null && !tlsEnabled.equals(byName)) {
            in.reject(PLATFORM_TLS, "the TLS of service " + serviceName + " (" + SERVICE_NAME.path() + "): "
                    + byName);
        }
        return tlsEnabled != null ? tlsEnabled : byName == null || byName;
    }

    private DiscoverySettings.ZooKeeperSasl sasl() {
        Boolean enabled = in.get(SASL_ENABLED);
        Path krb5 = in.get(SASL_KRB5_CONF);
        Path jaas = in.get(SASL_JAAS_FILE);
        if (!Boolean.TRUE.equals(enabled)) {
            return null;
        }
        String why = " (required while " + SASL_ENABLED.path() + " is true)";
        in.require(SASL_KRB5_CONF, "the Kerberos configuration file" + why);
        in.require(SASL_JAAS_FILE, "a JAAS configuration file with a Client section" + why);
        readable(SASL_KRB5_CONF, krb5);
        readable(SASL_JAAS_FILE, jaas);
        return krb5 == null || jaas == null ? null : new DiscoverySettings.ZooKeeperSasl(krb5, jaas);
    }

    private void readable(Key<Path> key, Path file) {
        if (file != null && (!Files.isRegularFile(file) || !Files.isReadable(file))) {
            in.reject(key, "an existing, readable file");
        }
    }

    private DiscoverySettings.Retry retry() {
        Duration base = in.get(ZK_RETRY_BASE_SLEEP);
        Duration max = in.get(ZK_RETRY_MAX_SLEEP);
        Integer retries = in.get(ZK_RETRY_MAX_RETRIES);
        if (base != null && max != null && max.compareTo(base) < 0) {
            in.reject(ZK_RETRY_MAX_SLEEP, "at least " + ZK_RETRY_BASE_SLEEP.path() + " (" + in.shown(ZK_RETRY_BASE_SLEEP)
                    + ")");
        }
        return in.hasProblems() ? null : new DiscoverySettings.Retry(base, max, retries);
    }
}

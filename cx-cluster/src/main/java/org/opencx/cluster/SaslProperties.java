package org.opencx.cluster;

import org.opencx.config.DiscoverySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SASL (Kerberos) toward ZooKeeper, the way ZooKeeper's client reads it: JVM system properties,
 * set once before the first client is made. ZooKeeper logs in with the {@code Client} section of
 * the JAAS file.
 */
final class SaslProperties {
    /** The Kerberos configuration the JVM reads. */
    static final String KRB5_CONF = "java.security.krb5.conf";
    /** The JAAS configuration the JVM's login reads. */
    static final String JAAS_CONFIG = "java.security.auth.login.config";
    /** ZooKeeper's switch for its SASL client. */
    static final String ZOOKEEPER_SASL_CLIENT = "zookeeper.sasl.client";

    private static final Logger log = LoggerFactory.getLogger(SaslProperties.class);

    private SaslProperties() {
    }

    static void apply(DiscoverySettings.ZooKeeperSasl sasl) {
        set(KRB5_CONF, sasl.krb5Conf().toAbsolutePath().toString());
        set(JAAS_CONFIG, sasl.jaasFile().toAbsolutePath().toString());
        set(ZOOKEEPER_SASL_CLIENT, "true");
        log.info("ZooKeeper SASL on: Kerberos configuration {}, JAAS file {} (section Client)", sasl.krb5Conf(),
                sasl.jaasFile());
    }

    private static void set(String name, String value) {
        String before = System.getProperty(name);
        if (before != null && !before.equals(value)) {
            log.warn("system property {} was {}; ZooKeeper SASL sets it to {}", name, before, value);
        }
        System.setProperty(name, value);
    }
}

package org.opencx.cluster;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.client.ZKClientConfig;
import org.opencx.config.DiscoverySettings;

/** Curator clients made from the discovery settings: timeouts, back-off, SASL or none. */
final class CuratorClients {
    private CuratorClients() {
    }

    /** A client, not started yet. */
    static CuratorFramework create(DiscoverySettings d) {
        ZKClientConfig zk = new ZKClientConfig();
        if (d.sasl() != null) {
            SaslProperties.apply(d.sasl());
        } else {
            // No SASL unless asked for: a JAAS file that some other library set must not change how we log in.
            zk.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        }
        return CuratorFrameworkFactory.builder()
                .connectString(d.connectionString())
                .sessionTimeoutMs(millis(d.sessionTimeout().toMillis()))
                .connectionTimeoutMs(millis(d.connectionTimeout().toMillis()))
                .maxCloseWaitMs(millis(d.connectionTimeout().toMillis()))
                .retryPolicy(retryPolicy(d.retry()))
                .zkClientConfig(zk)
                .threadFactory(daemon("cx-curator"))
                .build();
    }

    /** Curator's exponential back-off within the settings' bounds. */
    static RetryPolicy retryPolicy(DiscoverySettings.Retry r) {
        return new ExponentialBackoffRetry(millis(r.baseSleep().toMillis()), r.maxRetries(),
                millis(r.maxSleep().toMillis()));
    }

    private static int millis(long ms) {
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

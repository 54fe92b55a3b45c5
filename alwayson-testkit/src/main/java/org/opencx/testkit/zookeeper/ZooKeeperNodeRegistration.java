package org.opencx.testkit.zookeeper;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.opencx.testkit.platform.ReferencePlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reference platform registered in ZooKeeper exactly as a ThingWorx node registers: Apache
 * Curator's service discovery, service {@code thingworx-https} (TLS; its port as {@code sslPort}) or
 * {@code thingworx-http} (its port as {@code port}) under {@code /services}, an ephemeral entry with
 * the node's address, on a ZooKeeper session of its own. Curator writes the entry again when that
 * session is replaced after an expiry.
 *
 * <pre>{@code
 * try (ZooKeeperNodeRegistration node = ZooKeeperNodeRegistration.builder(platform, "127.0.0.1:2181").register()) {
 *     ...
 *     node.unregister();   // the node leaves the cluster (then platform.stop())
 * }
 * }</pre>
 * Needs Curator ({@code org.apache.curator:curator-x-discovery}) on the class path: the testkit
 * declares it optional.
 */
public final class ZooKeeperNodeRegistration implements AutoCloseable {
    public static final String HTTPS_SERVICE = "thingworx-https";
    public static final String HTTP_SERVICE = "thingworx-http";
    public static final String DEFAULT_BASE_PATH = "/services";

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperNodeRegistration.class);

    private final CuratorFramework client;
    private final ServiceDiscovery<Void> discovery;
    private final ServiceInstance<Void> instance;
    private final String basePath;

    private ZooKeeperNodeRegistration(CuratorFramework client, ServiceDiscovery<Void> discovery,
                                      ServiceInstance<Void> instance, String basePath) {
        this.client = client;
        this.discovery = discovery;
        this.instance = instance;
        this.basePath = basePath;
    }

    /** Registration of {@code platform} (started, so that its port is known) in the ensemble {@code connectString}. */
    public static Builder builder(ReferencePlatform platform, String connectString) {
        return new Builder(platform, connectString);
    }

    /** The service the node registered under. */
    public String service() {
        return instance.getName();
    }

    /** The node's instance id. */
    public String id() {
        return instance.getId();
    }

    /** {@code <basePath>/<service>/<id>}. */
    public String path() {
        return basePath + "/" + instance.getName() + "/" + instance.getId();
    }

    /** The node leaves: its entry is deleted (the session stays, {@link #close} ends it). */
    public void unregister() throws Exception {
        discovery.unregisterService(instance);
        log.info("reference platform {} unregistered from {}", instance.getId(), path());
    }

    /** Registers again after {@link #unregister} (the node is back). */
    public void reregister() throws Exception {
        discovery.registerService(instance);
        log.info("reference platform {} registered again at {}", instance.getId(), path());
    }

    /** The Curator client of the node's session (for tests). */
    public CuratorFramework curator() {
        return client;
    }

    /** Unregisters and ends the node's ZooKeeper session. */
    @Override
    public void close() {
        try {
            discovery.close();
        } catch (Exception e) {
            log.debug("closing the registration of {}: {}", instance.getId(), e.toString());
        }
        client.close();
    }

    /** What to register: the defaults are what a node on this platform's host and port would register. */
    public static final class Builder {
        private final ReferencePlatform platform;
        private final String connectString;
        private String basePath = DEFAULT_BASE_PATH;
        private String service;
        private String id;
        private String address;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(ReferencePlatform platform, String connectString) {
            this.platform = Objects.requireNonNull(platform, "platform");
            this.connectString = Objects.requireNonNull(connectString, "connectString");
        }

        /** Default {@code /services}; with a ZooKeeper namespace, {@code /<namespace>/services}. */
        public Builder basePath(String path) {
            this.basePath = Objects.requireNonNull(path, "path");
            return this;
        }

        /** Default {@code thingworx-https} for a TLS platform, else {@code thingworx-http}. */
        public Builder service(String name) {
            this.service = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The instance id; default {@code reference-platform-<port>}. */
        public Builder id(String instanceId) {
            this.id = Objects.requireNonNull(instanceId, "instanceId");
            return this;
        }

        /** The address registered; default the platform's listening host. */
        public Builder address(String host) {
            this.address = Objects.requireNonNull(host, "host");
            return this;
        }

        /** How long to wait for ZooKeeper; default 10 s. */
        public Builder timeout(Duration t) {
            this.timeout = Objects.requireNonNull(t, "timeout");
            return this;
        }

        /**
         * Connects, registers and returns once the entry is written.
         *
         * @throws IllegalStateException when ZooKeeper does not answer within the timeout
         */
        public ZooKeeperNodeRegistration register() throws Exception {
            boolean tls = platform.settings().secure();
            ServiceInstance<Void> instance = new ServiceInstance<>(service != null ? service : tls ? HTTPS_SERVICE : HTTP_SERVICE,
                    id != null ? id : "reference-platform-" + platform.port(),
                    address != null ? address : platform.settings().host(), tls ? null : platform.port(),
                    tls ? platform.port() : null, null, System.currentTimeMillis(), ServiceType.DYNAMIC, null);
            int ms = (int) timeout.toMillis();
            CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, Math.max(ms, 4000), ms,
                    new ExponentialBackoffRetry(100, 5, 1000));
            client.start();
            try {
                if (!client.blockUntilConnected(ms, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("no ZooKeeper answered at " + connectString + " within " + ms + " ms");
                }
                ServiceDiscovery<Void> discovery = ServiceDiscoveryBuilder.builder(Void.class).client(client)
                        .basePath(basePath).serializer(new JsonInstanceSerializer<>(Void.class)).thisInstance(instance)
                        .build();
                discovery.start();
                ZooKeeperNodeRegistration r = new ZooKeeperNodeRegistration(client, discovery, instance, basePath);
                log.info("reference platform {} registered at {} ({}:{})", instance.getId(), r.path(),
                        instance.getAddress(), platform.port());
                return r;
            } catch (Exception | Error e) {
                client.close();
                throw e;
            }
        }
    }
}

package org.opencx.cluster;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.client.ConnectStringParser;
import org.apache.zookeeper.common.PathUtils;
import org.opencx.config.DiscoverySettings;

/**
 * Reads the fleet once, for an operator: every Connection Server registered under a base path
 * (service {@code cxserver}) and every other registration there (the platform nodes).
 */
public final class FleetReader {
    private FleetReader() {
    }

    /**
     * @param connectionString the ensemble, {@code host:port[,host:port...]}
     * @param basePath         {@code /services} unless the servers were configured otherwise
     * @param timeout          how long to wait for a connection
     * @throws IOException when the ensemble cannot be reached within the timeout, or a read fails
     * @throws IllegalArgumentException when the connection string or the path is not one ZooKeeper takes
     */
    public static FleetView read(String connectionString, String basePath, Duration timeout)
            throws IOException, InterruptedException {
        check(connectionString, basePath);
        DiscoverySettings d = DiscoverySettings.of(connectionString).withBasePath(basePath)
                .withTimeouts(timeout, timeout, new DiscoverySettings.Retry(Duration.ofMillis(100), Duration.ofSeconds(1), 0));
        try (CuratorFramework client = CuratorClients.create(d)) {
            client.start();
            if (!client.blockUntilConnected((int) Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                throw new IOException("no ZooKeeper answered at " + connectionString + " within " + timeout.toMillis() + " ms");
            }
            return read(client, basePath);
        } catch (IOException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("reading " + basePath + " in ZooKeeper failed: " + e.getMessage(), e);
        }
    }

    private static void check(String connectionString, String basePath) {
        try {
            new ConnectStringParser(connectionString).getServerAddresses().forEach(a -> {
                if (a.getPort() < 1 || a.getPort() > 65_535 || a.getHostString().isBlank()) {
                    throw new IllegalArgumentException("not a host:port: " + a);
                }
            });
            PathUtils.validatePath(basePath);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "not a ZooKeeper address or path" : e.getMessage(),
                    e);
        }
    }

    private static FleetView read(CuratorFramework client, String basePath) throws Exception {
        List<RegisteredServer> servers = new ArrayList<>();
        List<RegisteredNode> others = new ArrayList<>();
        InstanceJson json = new InstanceJson();
        for (String service : children(client, basePath)) {
            for (String id : children(client, ZKPaths.makePath(basePath, service))) {
                ServiceInstance<Map<String, String>> i = instance(client, json, ZKPaths.makePath(basePath, service, id));
                if (i == null) {
                    continue;
                }
                if (service.equals(DiscoverySettings.SERVER_SERVICE)) {
                    servers.add(ServerInstances.read(i));
                } else {
                    boolean tls = i.getSslPort() != null || service.equals(DiscoverySettings.HTTPS_SERVICE);
                    others.add(new RegisteredNode(service, i.getId(), NodeAddresses.url(i, tls),
                            Instant.ofEpochMilli(i.getRegistrationTimeUTC())));
                }
            }
        }
        servers.sort(Comparator.comparing(RegisteredServer::name));
        others.sort(Comparator.comparing(RegisteredNode::service).thenComparing(RegisteredNode::id));
        return new FleetView(basePath, servers, others);
    }

    private static List<String> children(CuratorFramework client, String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    /** The registration at this path; null when it went meanwhile or is no service instance. */
    private static ServiceInstance<Map<String, String>> instance(CuratorFramework client, InstanceJson json, String path)
            throws Exception {
        try {
            return json.deserialize(client.getData().forPath(path));
        } catch (KeeperException.NoNodeException | IOException e) {
            return null;
        }
    }
}

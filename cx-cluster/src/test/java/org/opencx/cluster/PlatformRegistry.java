package org.opencx.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;

/**
 * Platform nodes registering as a ThingWorx node does, with Curator's own service discovery and its
 * default serializer (the payload written with its Java class), each node on a session of its own.
 */
final class PlatformRegistry implements AutoCloseable {
    /** A payload class this server does not know when it reads the node. */
    static final class ForeignPayload {
        public String zone = "eu-1";
    }

    private final CuratorFramework client;
    private final ServiceDiscovery<Object> discovery;

    PlatformRegistry(String connectString) throws Exception {
        client = CuratorFrameworkFactory.newClient(connectString, 10_000, 5_000, new RetryOneTime(100));
        client.start();
        if (!client.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("no ZooKeeper at " + connectString);
        }
        discovery = ServiceDiscoveryBuilder.builder(Object.class).client(client).basePath("/services")
                .serializer(new JsonInstanceSerializer<>(Object.class)).build();
        discovery.start();
    }

    ServiceInstance<Object> register(String service, String id, String address, Integer port, Integer sslPort)
            throws Exception {
        ServiceInstance<Object> instance = new ServiceInstance<>(service, id, address, port, sslPort, new ForeignPayload(),
                System.currentTimeMillis(), ServiceType.DYNAMIC, null);
        discovery.registerService(instance);
        return instance;
    }

    void unregister(ServiceInstance<Object> instance) throws Exception {
        discovery.unregisterService(instance);
    }

    CuratorFramework client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        discovery.close();
        client.close();
    }
}

package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.platform.Endpoint;
import org.opencx.testkit.platform.PlatformListener;
import org.opencx.testkit.platform.ReferencePlatform;

/** {@code localAddress} binds the client's socket to another loopback address, first connect and reconnect alike. */
class EdgeLocalAddressTest {

    @Test
    void theSocketComesFromTheChosenLoopbackAddress() throws Exception {
        List<Endpoint> bound = new CopyOnWriteArrayList<>();
        try (ReferencePlatform platform = EdgeFixtures.started(EdgeFixtures.platform().thing("Sensor1").listener(new PlatformListener() {
            @Override
            public void onBound(String thing, Endpoint endpoint) {
                bound.add(endpoint);
            }
        }))) {
            EdgeClient device = EdgeFixtures.connected(EdgeFixtures.client(platform.wsUri(), "Sensor1")
                    .localAddress(InetAddress.getByName("127.0.0.2")).build());
            try {
                device.dropConnections();
                EdgeFixtures.await(platform, "the second bind", () -> bound.size() == 2 && device.isConnected());
                assertThat(bound).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(Endpoint.Direct.class,
                        d -> assertThat(d.remoteAddress()).contains("127.0.0.2")));
            } finally {
                device.close();
            }
        }
    }
}

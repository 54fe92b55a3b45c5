package org.opencx.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.junit.jupiter.api.Test;

/** A registration's address and ports, as the URL of the node's AlwaysOn endpoint. */
class NodeAddressesTest {
    private static ServiceInstance<Map<String, String>> node(String address, Integer port, Integer sslPort) {
        return new ServiceInstance<>("thingworx-https", "n1", address, port, sslPort, Map.of(), 0, ServiceType.DYNAMIC, null);
    }

    @Test
    void withTlsTheSslPortIsDialledWithWss() {
        assertThat(NodeAddresses.url(node("10.0.0.5", 8080, 8443), true))
                .isEqualTo(URI.create("wss://10.0.0.5:8443/Thingworx/WS"));
    }

    @Test
    void withTlsAndNoSslPortThePortIsDialledWithWss() {
        assertThat(NodeAddresses.url(node("10.0.0.5", 443, null), true)).isEqualTo(URI.create("wss://10.0.0.5:443/Thingworx/WS"));
    }

    @Test
    void withoutTlsThePortIsDialledWithWs() {
        assertThat(NodeAddresses.url(node("10.0.0.5", 8080, 8443), false)).isEqualTo(URI.create("ws://10.0.0.5:8080/Thingworx/WS"));
        assertThat(NodeAddresses.url(node("10.0.0.5", null, 8443), false)).as("no plain port").isNull();
    }

    @Test
    void anIpv6AddressGetsBrackets() {
        assertThat(NodeAddresses.url(node("fd00::5", null, 8443), true)).isEqualTo(URI.create("wss://[fd00::5]:8443/Thingworx/WS"));
    }

    @Test
    void noAddressIsNoUrl() {
        assertThat(NodeAddresses.url(node(null, 8080, null), false)).isNull();
        assertThat(NodeAddresses.url(node(" ", 8080, null), false)).isNull();
        assertThat(NodeAddresses.unusable(node(null, 8080, null), false)).contains("n1", "skipped");
    }
}

package org.opencx.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.Test;

/** Curator's instance JSON, read whatever payload class its writer had, and written for any Curator reader. */
class InstanceJsonTest {
    private final InstanceJson json = new InstanceJson();

    @Test
    void aPayloadOfAnUnknownClassIsReadAsItsTextFields() throws Exception {
        String written = """
                {"name":"thingworx-https","id":"node-1","address":"10.0.0.5","port":null,"sslPort":8443,
                 "payload":{"@class":"com.thingworx.cluster.NodeInfo","zone":"eu-1","weight":3,"tags":["a"]},
                 "registrationTimeUTC":1700000000000,"serviceType":"DYNAMIC","uriSpec":null,"somethingNew":1}
                """;
        ServiceInstance<Map<String, String>> i = json.deserialize(written.getBytes(StandardCharsets.UTF_8));
        assertThat(i.getName()).isEqualTo("thingworx-https");
        assertThat(i.getId()).isEqualTo("node-1");
        assertThat(i.getAddress()).isEqualTo("10.0.0.5");
        assertThat(i.getPort()).isNull();
        assertThat(i.getSslPort()).isEqualTo(8443);
        assertThat(i.getRegistrationTimeUTC()).isEqualTo(1_700_000_000_000L);
        assertThat(i.getPayload()).containsExactly(Map.entry("zone", "eu-1"), Map.entry("weight", "3"));
    }

    @Test
    void whatCuratorWritesIsRead() throws Exception {
        ServiceInstance<Object> written = new ServiceInstance<>("thingworx-http", "n2", "10.0.0.6", 8080, null,
                new PlatformRegistry.ForeignPayload(), 5, ServiceType.DYNAMIC, null);
        byte[] bytes = new JsonInstanceSerializer<>(Object.class).serialize(written);
        ServiceInstance<Map<String, String>> read = json.deserialize(bytes);
        assertThat(read.getPort()).isEqualTo(8080);
        assertThat(read.getPayload()).containsEntry("zone", "eu-1");
    }

    @Test
    void whatThisWritesAnyCuratorClientReads() throws Exception {
        ServiceInstance<Map<String, String>> mine = new ServiceInstance<>("cxserver", "CX1", "10.0.0.7", 8443, null,
                Map.of("version", "1.0"), 5, ServiceType.DYNAMIC, null);
        ServiceInstance<Object> read = new JsonInstanceSerializer<>(Object.class).deserialize(json.serialize(mine));
        assertThat(read.getId()).isEqualTo("CX1");
        assertThat(read.getPayload()).isInstanceOf(Map.class).isEqualTo(Map.of("version", "1.0"));
    }

    @Test
    void somethingElseIsRefused() {
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> json.deserialize("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> json.deserialize("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    }
}

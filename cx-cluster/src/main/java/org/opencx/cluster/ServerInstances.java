package org.opencx.cluster;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.opencx.config.DiscoverySettings;

/**
 * A Connection Server's registration as a Curator {@code ServiceInstance}: service {@code cxserver},
 * id the thing name, address and port (sslPort for wss) of its edge URL, and a payload of text
 * fields ({@code edgeUrl}, {@code version}) that any Curator client can read.
 */
final class ServerInstances {
    static final String EDGE_URL = "edgeUrl";
    static final String VERSION = "version";

    private ServerInstances() {
    }

    static ServiceInstance<Map<String, String>> of(RegisteredServer s) {
        URI url = s.edgeUrl();
        boolean tls = "wss".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put(EDGE_URL, url.toString());
        payload.put(VERSION, s.version());
        return new ServiceInstance<>(DiscoverySettings.SERVER_SERVICE, s.name(), url.getHost(), tls ? null : port,
                tls ? port : null, payload, s.since().toEpochMilli(), ServiceType.DYNAMIC, null, true);
    }

    /** The server an instance of service {@code cxserver} stands for; its URL rebuilt when the payload lacks it. */
    static RegisteredServer read(ServiceInstance<Map<String, String>> i) {
        Map<String, String> p = i.getPayload() == null ? Map.of() : i.getPayload();
        URI url;
        try {
            url = URI.create(p.getOrDefault(EDGE_URL, ""));
        } catch (IllegalArgumentException e) {
            url = URI.create("");
        }
        if (url.getScheme() == null) {
            URI rebuilt = NodeAddresses.url(i, i.getSslPort() != null);
            url = rebuilt != null ? rebuilt : URI.create("unknown:" + i.getId());
        }
        return new RegisteredServer(i.getId(), url, p.getOrDefault(VERSION, "unknown"),
                Instant.ofEpochMilli(i.getRegistrationTimeUTC()));
    }
}

package org.opencx.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.curator.x.discovery.ServiceInstance;

/**
 * A platform node's AlwaysOn URL from its registration: {@code wss://address:sslPort/Thingworx/WS}
 * with TLS (the port when it registered no sslPort), {@code ws://address:port/Thingworx/WS} without.
 */
final class NodeAddresses {
    static final String WS_PATH = "/Thingworx/WS";

    private NodeAddresses() {
    }

    /**
     * @param tls wss toward the platform (the https service)
     * @return the URL, or null when the registration gives no address or no usable port
     */
    static URI url(ServiceInstance<?> instance, boolean tls) {
        String address = instance.getAddress();
        Integer port = tls ? (instance.getSslPort() != null ? instance.getSslPort() : instance.getPort())
                : instance.getPort();
        if (address == null || address.isBlank() || port == null) {
            return null;
        }
        try {
            // An IPv6 literal gets its brackets from URI itself.
            return new URI(tls ? "wss" : "ws", null, address.trim(), port, WS_PATH, null, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Why {@link #url} gave null, for the log. */
    static String unusable(ServiceInstance<?> instance, boolean tls) {
        return "platform node " + instance.getId() + " registered address " + instance.getAddress() + ", port "
                + instance.getPort() + ", sslPort " + instance.getSslPort() + ": no "
                + (tls ? "wss (sslPort or port)" : "ws (port)") + " URL can be made of that; skipped";
    }
}

package org.opencx.cluster;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;

/**
 * The host this server registers for others to reach it: the configured one, else (as ThingWorx
 * nodes do) the first site-local IPv4 address of an interface that is up, else the listener's host,
 * else, for a wildcard listener, this machine's name.
 */
public final class AdvertisedHost {
    private AdvertisedHost() {
    }

    /**
     * @param configured   {@code cx-server.discovery.advertised-host}, or null
     * @param listenerHost the edge listener's bind address ({@code cx-server.protocol.host})
     */
    public static String pick(String configured, String listenerHost) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String siteLocal = firstSiteLocal();
        if (siteLocal != null) {
            return siteLocal;
        }
        if (!isWildcard(listenerHost)) {
            return listenerHost;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    static boolean isWildcard(String host) {
        return host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String firstSiteLocal() {
        try {
            List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
            for (NetworkInterface ni : interfaces) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }
}

package org.opencx.tunnel;

/**
 * A path the WebSocket proxy serves: {@code /Thingworx/WSTunnelServer/<tid>} (a tunnel's edge end),
 * {@code /Thingworx/WSTunnelClient/<tid>} (its remote user's end) or {@code /Thingworx/TWS}.
 *
 * @param kind tunnel or TWS
 * @param end  {@code server} or {@code client} for a tunnel, {@code tws} for TWS
 * @param tid  the tunnel id, null for TWS
 */
record SocketPath(RemoteAccessCounters.Kind kind, String end, String tid) {
    static final String TUNNEL_SERVER = "/Thingworx/WSTunnelServer/";
    static final String TUNNEL_CLIENT = "/Thingworx/WSTunnelClient/";
    static final String TWS = "/Thingworx/TWS";
    /** Tunnel ids are UUIDs or similar: this many characters of a URL-safe set at most. */
    static final int MAX_TID_LENGTH = 128;

    /** The socket path {@code path} (decoded) names, or null when it names none. */
    static SocketPath parse(String path) {
        if (path.equals(TWS)) {
            return new SocketPath(RemoteAccessCounters.Kind.TWS, "tws", null);
        }
        if (path.startsWith(TUNNEL_SERVER)) {
            return tunnel("server", path.substring(TUNNEL_SERVER.length()));
        }
        if (path.startsWith(TUNNEL_CLIENT)) {
            return tunnel("client", path.substring(TUNNEL_CLIENT.length()));
        }
        return null;
    }

    /** True when {@code path} is under one of the tunnel prefixes (a valid tid or not). */
    static boolean underTunnelPrefix(String path) {
        return path.startsWith(TUNNEL_SERVER) || path.startsWith(TUNNEL_CLIENT);
    }

    private static SocketPath tunnel(String end, String tid) {
        if (tid.isEmpty() || tid.length() > MAX_TID_LENGTH || !tid.chars().allMatch(SocketPath::tidChar)
                || tid.chars().allMatch(c -> c == '.')) {
            return null;
        }
        return new SocketPath(RemoteAccessCounters.Kind.TUNNEL, end, tid);
    }

    private static boolean tidChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                || c == '.' || c == '~';
    }

    /** For logs: the kind and the tid, never the query string (it may carry a key). */
    @Override
    public String toString() {
        return tid == null ? "TWS socket" : "tunnel " + tid + " (" + end + " end)";
    }
}

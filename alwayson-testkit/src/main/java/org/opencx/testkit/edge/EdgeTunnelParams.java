package org.opencx.testkit.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.StatusCode;
import org.opencx.testkit.socket.TextTunnelLimits;

/**
 * The parameters of a TCP tunnel as the C SDK reads them from StartTunnel (spec 8.1), defaults
 * included: {@code chunksize} 8192, {@code idle_timeout} 30 000 ms, {@code read_timeout} 10 ms,
 * {@code num_connects} 1 (a negative number: unlimited).
 *
 * @param numConnects how many times the edge may connect to the target (negative: no limit)
 */
public record EdgeTunnelParams(String tid, String thing, String host, int port, int chunksize, int idleTimeoutMillis,
                               int readTimeoutMillis, int numConnects) {
    public static final int DEFAULT_CHUNK_SIZE = 8192;
    public static final int DEFAULT_IDLE_TIMEOUT = 30_000;
    public static final int DEFAULT_READ_TIMEOUT = 10;
    /** The largest chunk size accepted (the SDK allocates whatever it is told). */
    public static final int MAX_CHUNK_SIZE = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads StartTunnel's parameters as the SDK does, by field name. Fails with 0x80 when there
     * are no parameters at all, and with 0xA0 when the tunnel cannot be made: a missing
     * {@code tid}, {@code type} or {@code connection}, JSON that does not parse, no host or port, a
     * type other than TCP (udp and serial the SDK refuses; file tunnels this edge does not offer),
     * or an integer field sent with another base type (the SDK would read garbage from its value
     * union).
     */
    public static EdgeTunnelParams parse(String thing, InfoTable params) {
        if (params == null) {
            throw new ServiceException(StatusCode.BAD_REQUEST, "StartTunnel carries no parameters");
        }
        String tid = text(params, "tid").orElseThrow(() -> refused("missing tid"));
        String type = text(params, "type").orElseThrow(() -> refused("missing type")).toLowerCase(Locale.ROOT);
        if (type.equals("udp") || type.equals("serial") || type.equals("file")) {
            throw refused("unsupported tunnel type " + type + " (this edge offers tcp tunnels)");
        }
        int chunksize = integer(params, "chunksize", DEFAULT_CHUNK_SIZE);
        if (chunksize <= TextTunnelLimits.SDK_CHUNK_RESERVE || chunksize > MAX_CHUNK_SIZE) {
            throw refused("chunksize " + chunksize + " out of range " + (TextTunnelLimits.SDK_CHUNK_RESERVE + 1)
                    + ".." + MAX_CHUNK_SIZE);
        }
        int idle = integer(params, "idle_timeout", DEFAULT_IDLE_TIMEOUT);
        int read = integer(params, "read_timeout", DEFAULT_READ_TIMEOUT);
        String connection = text(params, "connection").orElseThrow(() -> refused("no connection info"));
        JsonNode c;
        try {
            c = JSON.readTree(connection);
        } catch (JsonProcessingException e) {
            throw refused("connection is not JSON");
        }
        if (c == null || !c.isObject()) {
            throw refused("connection is not a JSON object");
        }
        String host = c.path("host").isTextual() ? c.path("host").textValue() : null;
        int port = c.path("port").isIntegralNumber() ? c.path("port").intValue() : 0;
        if (host == null || host.isEmpty() || port <= 0 || port > 0xFFFF) {
            throw refused("missing host or port in connection");
        }
        int connects = c.path("num_connects").isIntegralNumber() && c.path("num_connects").intValue() != 0
                ? c.path("num_connects").intValue() : 1;
        return new EdgeTunnelParams(tid, thing, host, port, chunksize, idle, read, connects);
    }

    /** The target as {@code host:port}. */
    public String target() {
        return host + ":" + port;
    }

    private static ServiceException refused(String why) {
        return new ServiceException(StatusCode.INTERNAL_SERVER_ERROR, "tunnel not created: " + why);
    }

    private static Optional<String> text(InfoTable params, String field) {
        return params.first(field).filter(p -> p instanceof Primitive.Text).map(p -> ((Primitive.Text) p).value());
    }

    private static int integer(InfoTable params, String field, int otherwise) {
        Optional<Primitive> p = params.first(field);
        if (p.isEmpty() || p.get().type() == BaseType.NOTHING) {
            return otherwise;
        }
        if (!(p.get() instanceof Primitive.Int i)) {
            throw refused(field + " is " + p.get().type() + ", the SDK reads an INTEGER");
        }
        return i.value();
    }
}

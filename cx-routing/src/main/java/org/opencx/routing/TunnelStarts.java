package org.opencx.routing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.opencx.alwayson.EntityPeek;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node started which tunnel: a platform node's {@code StartTunnel} (spec 8.1) passes through
 * a pipe on its way to the edge, and both ends of that tunnel must later reach the same node. A
 * request is looked at only when it is a POST whose characteristic name is {@code StartTunnel}
 * (compared in place); only then is it decoded, for its {@code tid}.
 */
final class TunnelStarts {
    private static final Logger log = LoggerFactory.getLogger(TunnelStarts.class);
    private static final byte[] START_TUNNEL = "StartTunnel".getBytes(StandardCharsets.UTF_8);
    private static final String TID = "tid";

    private final MessageDecoder decoder;
    private volatile TunnelStartListener listener;

    TunnelStarts(MessageDecoder decoder) {
        this.decoder = decoder;
    }

    void listener(TunnelStartListener l) {
        this.listener = l;
    }

    /** Looks at a request from node {@code nodeId}, before its ids are rewritten. */
    void observe(ByteBuffer request, int nodeId) {
        TunnelStartListener l = listener;
        if (l == null || HeaderAccess.code(request) != MethodCode.POST.code() || HeaderAccess.isMultipart(request)) {
            return;
        }
        try {
            if (!EntityPeek.characteristicNameEquals(request, START_TUNNEL)) {
                return;
            }
            InfoTable params = ((Request) decoder.decode(request.duplicate())).params();
            Object tid = params == null ? null : params.first(TID).map(Primitive::javaValue).orElse(null);
            if (tid instanceof String id && !id.isEmpty()) {
                l.started(id, nodeId);
            }
        } catch (ProtocolException | ClassCastException e) {
            log.debug("a StartTunnel request that could not be read: {}", e.getMessage());
        }
    }
}

package org.opencx.testkit.platform;

import java.util.Map;

/**
 * A snapshot of the platform's counters. Totals count since the platform was built (they survive
 * {@code stop()}/{@code start()}); the {@code ...Active} figures are the state now.
 *
 * @param connectionsOpened WebSockets accepted on {@code /Thingworx/WS}
 * @param connectionsActive WebSockets open now
 * @param sessionsOpened    successful AUTHs: direct sockets, CS pipes and edges behind a CS alike
 * @param sessionsActive    sessions alive now (a pipe's own session included)
 * @param pipesActive       sockets that are Connection Server pipes now
 * @param pipeGroups        Connection Servers (pipe groups) with at least one pipe now
 * @param binds             things bound (per name, not per BIND message)
 * @param unbinds           things unbound, whatever the cause (UNBIND, close, take-over, stop)
 * @param messagesIn        complete AlwaysOn messages received, by kind (after reassembly)
 * @param messagesOut       complete AlwaysOn messages sent, by kind (before splitting)
 * @param chunksIn          WebSocket messages received that were multipart chunks
 * @param chunksOut         WebSocket messages sent that were multipart chunks
 * @param bytesIn           AlwaysOn bytes received (WebSocket payloads, after inflation)
 * @param bytesOut          AlwaysOn bytes sent (WebSocket payloads, before compression)
 * @param protocolErrors    messages that did not decode
 * @param authFailures      AUTHs refused
 * @param requestTimeouts   platform-to-device requests that got no answer in time
 */
public record PlatformCounters(long connectionsOpened, long connectionsActive, long sessionsOpened,
                               long sessionsActive, long pipesActive, long pipeGroups, long binds, long unbinds,
                               Map<PlatformMessageKind, Long> messagesIn, Map<PlatformMessageKind, Long> messagesOut,
                               long chunksIn, long chunksOut, long bytesIn, long bytesOut,
                               long protocolErrors, long authFailures, long requestTimeouts) {
    public PlatformCounters {
        messagesIn = Map.copyOf(messagesIn);
        messagesOut = Map.copyOf(messagesOut);
    }

    public long messagesIn(PlatformMessageKind kind) {
        return messagesIn.getOrDefault(kind, 0L);
    }

    public long messagesOut(PlatformMessageKind kind) {
        return messagesOut.getOrDefault(kind, 0L);
    }
}

package org.opencx.testkit.platform;

import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.net.InetSocketAddress;
import org.opencx.testkit.socket.ChannelActions;

/**
 * Accepts the sockets of one tunnel end after {@link TunnelUpgradeCheck}: each is attached to its
 * tunnel, receiving nothing until the tunnel's other socket is there too. A socket that comes too
 * late (the tunnel ended, or its end was taken meanwhile) is closed with 1008 and the reason.
 */
final class PlatformTunnelEndpoint implements WebSocketConnectionCallback {
    static final int CLOSE_POLICY = 1008;

    private final PlatformTunnel.End end;
    private final PlatformLimits limits;

    PlatformTunnelEndpoint(PlatformTunnel.End end, PlatformLimits limits) {
        this.end = end;
        this.limits = limits;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        PlatformTunnel t = exchange.getAttachment(TunnelUpgradeCheck.TUNNEL);
        InetSocketAddress peer = channel.getSourceAddress();
        String remote = peer == null ? "?" : peer.getHostString() + ":" + peer.getPort();
        PlatformTunnelLeg leg = new PlatformTunnelLeg(t, end, channel, remote, limits);
        String refusal = t.attach(end, leg);
        if (refusal != null) {
            ChannelActions.closeAndDrop(channel, CLOSE_POLICY, refusal);
        }
    }
}

package org.opencx.transport;

import io.undertow.protocols.ssl.UndertowXnioSsl;
import javax.net.ssl.SSLContext;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.XnioWorker;
import org.xnio.ssl.XnioSsl;

/**
 * TLS for the server's connections to the platform: the pipes' WebSockets ({@link PipeDialer}) and
 * the tunnel proxy's own connections.
 */
public final class PlatformSockets {
    /** Undertow's WebSocket client never completes a TLS 1.3 handshake: TLS 1.2 is offered only. */
    public static final OptionMap TLS12 = OptionMap.create(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.2"));

    private PlatformSockets() {
    }

    /**
     * TLS for a connection to the platform (a pipe, a tunnel proxy's raw connection): the context's
     * trust and host-name checks; open it with {@link #TLS12} among its options.
     */
    public static XnioSsl ssl(XnioWorker worker, SSLContext tls) {
        return new UndertowXnioSsl(worker.getXnio(), TLS12, tls);
    }
}

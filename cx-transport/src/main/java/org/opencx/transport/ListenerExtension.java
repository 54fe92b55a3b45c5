package org.opencx.transport;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import org.xnio.XnioWorker;

/**
 * More paths on the edge listener, beside the relay's {@code /Thingworx/WS}: the listener hands
 * every other request to the extension's handler (without one, those answer 404). The extension
 * shares the relay's I/O threads and buffers, its TLS and its port.
 *
 * <pre>{@code
 * Relay.builder().edge(edge).platform(platform).extension(remoteAccess).start();
 * }</pre>
 */
public interface ListenerExtension {
    /**
     * Called once the relay's I/O threads exist, before the listener starts.
     *
     * @return the handler of every path other than the relay's own
     */
    HttpHandler start(XnioWorker worker, ByteBufferPool buffers);

    /** The listener has stopped accepting: close what is still open. Called once, at the relay's stop. */
    default void stop() {
    }
}

package org.opencx.transport;

import io.undertow.connector.ByteBufferPool;
import io.undertow.websockets.core.StreamSinkFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.protocol.version13.WebSocket13Channel;
import io.undertow.websockets.extensions.NoopExtensionFunction;
import java.util.HashSet;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;

/**
 * A pipe's client WebSocket (version 13, no extension) whose text and binary frames are masked with
 * the key 0 ({@link ZeroKeyFrameSink}); close, ping and pong frames keep Undertow's random key.
 */
final class ZeroKeyChannel extends WebSocket13Channel {
    ZeroKeyChannel(StreamConnection connection, ByteBufferPool buffers, String uri, String subProtocol, OptionMap options) {
        super(connection, buffers, uri, subProtocol, true, false, NoopExtensionFunction.INSTANCE,
                new HashSet<WebSocketChannel>(), options);
    }

    @Override
    protected StreamSinkFrameChannel createStreamSinkChannel(WebSocketFrameType type) {
        return type == WebSocketFrameType.TEXT || type == WebSocketFrameType.BINARY
                ? new ZeroKeyFrameSink(this, type) : super.createStreamSinkChannel(type);
    }
}

package org.opencx.transport;

import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/**
 * Reads one whole text message with its size limit counted on every read. Undertow's own text
 * reader ({@code BufferedTextMessage}, 2.3.24) counts only the reads made before it first waits for
 * data: a text message that arrives over several TCP reads (slowly, or in fragments) passed any
 * limit and was buffered whole (the Autobahn cases 1.1.8, 9.3.1 and 9.5.x showed it). Its binary
 * reader counts every read, so text is read with that; the frame channel still checks the UTF-8 as
 * it reads. Over the limit: a 1009 close and the IOException Undertow raises for binary messages.
 */
final class TextMessageReader {
    private TextMessageReader() {
    }

    /**
     * @param maxBytes the limit in UTF-8 bytes (-1: none)
     * @param onText   the whole message, its UTF-8 bytes in a buffer of its own
     * @param onError  the limit was passed or the read failed (the buffers are already released)
     */
    static void read(StreamSourceFrameChannel message, long maxBytes, BiConsumer<WebSocketChannel, ByteBuffer> onText,
                     BiConsumer<WebSocketChannel, Throwable> onError) {
        new BufferedBinaryMessage(maxBytes, true).read(message, new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel channel, BufferedBinaryMessage text) {
                onText.accept(channel, InboundListener.copied(text));
            }

            @Override
            public void onError(WebSocketChannel channel, BufferedBinaryMessage text, Throwable error) {
                text.getData().close();
                onError.accept(channel, error);
            }
        });
    }
}

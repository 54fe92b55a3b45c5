package org.opencx.testkit.socket;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.util.concurrent.RejectedExecutionException;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;

/** Small things done to an Undertow WebSocket channel from any thread. */
public final class ChannelActions {
    private ChannelActions() {
    }

    /** Runs the task on the channel's I/O thread: now when called there, else queued; false if it cannot be queued. */
    public static boolean onIoThread(WebSocketChannel channel, Runnable task) {
        XnioIoThread io = channel.getIoThread();
        if (Thread.currentThread() == io) {
            task.run();
            return true;
        }
        try {
            io.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Closes as the C SDK does: a close frame with the code and reason, then the connection is
     * dropped as soon as the frame is out (or sending it failed), without waiting for the echo.
     */
    public static void closeAndDrop(WebSocketChannel channel, int code, String reason) {
        if (!channel.isOpen()) {
            return;
        }
        WebSockets.sendClose(code, reason, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                IoUtils.safeClose(ch);
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable t) {
                IoUtils.safeClose(ch);
            }
        });
    }
}

package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages a pipe sends on its own I/O thread leave together, in one write per pass of the thread;
 * from another thread they go as Undertow sends them; in both cases every message arrives, in the
 * order sent. A real Undertow WebSocket server records what a pipe's channel sends.
 */
class CoalescedSendTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<ByteBuffer> received = new CopyOnWriteArrayList<>();
    private LoopbackPipe pipe;
    private CoalescedSend send;

    @BeforeEach
    void start() throws Exception {
        pipe = new LoopbackPipe((exchange, channel) -> {
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
                    received.add(InboundListener.copied(message));
                }
            });
            channel.resumeReceives();
        });
        send = new CoalescedSend(pipe.connect());
    }

    @AfterEach
    void stop() {
        pipe.close();
    }

    private static ByteBuffer numbered(int source, int i) {
        return ByteBuffer.allocate(40).putInt(0, source).putInt(4, i);
    }

    /** Every message of each source arrived, in the order that source sent them. */
    private void arrivedInOrder(int sources, int each) {
        Awaitility.await("all messages").atMost(WAIT).until(() -> received.size() == sources * each);
        int[] next = new int[sources];
        for (ByteBuffer m : received) {
            int source = m.getInt(0);
            assertThat(m.getInt(4)).as("message of source %d", source).isEqualTo(next[source]++);
        }
    }

    @Test
    void messagesSentOnThePipesThreadLeaveInOneWrite() throws Exception {
        long writes = pipe.socketWrites();

        pipe.onIoThread(() -> {
            for (int i = 0; i < 200; i++) {
                send.sendBinary(numbered(0, i), null);
            }
            return null;
        });

        arrivedInOrder(1, 200);
        assertThat(pipe.socketWrites() - writes).as("socket writes for 200 messages sent in one pass").isLessThan(5);
    }

    /** The behaviour it is for: Undertow writes each message sent on the I/O thread at once. */
    @Test
    void withoutItEachMessageCostsAWrite() throws Exception {
        long writes = pipe.socketWrites();

        pipe.onIoThread(() -> {
            for (int i = 0; i < 200; i++) {
                WebSockets.sendBinary(numbered(0, i), pipe.client(), null);
            }
            return null;
        });

        arrivedInOrder(1, 200);
        assertThat(pipe.socketWrites() - writes).isGreaterThanOrEqualTo(200);
    }

    @Test
    void messagesFromAnotherThreadAndThePipesThreadAllArriveInOrder() throws Exception {
        Thread other = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                send.sendBinary(numbered(1, i), null);
            }
        });
        other.start();
        for (int pass = 0; pass < 50; pass++) {
            int from = pass * 10;
            pipe.onIoThread(() -> {
                for (int i = from; i < from + 10; i++) {
                    send.sendBinary(numbered(0, i), null);
                }
                return null;
            });
        }
        other.join();

        arrivedInOrder(2, 500);
    }
}

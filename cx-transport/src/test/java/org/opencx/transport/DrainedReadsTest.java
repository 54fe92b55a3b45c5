package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pipe's read brings many frames at once; Undertow reads the socket again for each of them. With
 * {@link DrainedReads} on the channel the frames already read are taken without a system call, and
 * frames that arrive later are still read (the selector reports them). A real Undertow WebSocket
 * server sends bursts of frames in one write to a pipe's channel.
 */
class DrainedReadsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<ByteBuffer> received = new CopyOnWriteArrayList<>();
    private LoopbackPipe pipe;
    private WebSocketChannel client;

    @AfterEach
    void stop() {
        if (pipe != null) {
            pipe.close();
        }
    }

    /** "count size": the server answers with that many binary frames of that size, numbered, in one write. */
    private static final class Bursts extends AbstractReceiveListener {
        @Override
        protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
            String[] s = message.getData().split(" ");
            int count = Integer.parseInt(s[0]);
            int size = Integer.parseInt(s[1]);
            ch.setRequireExplicitFlush(true);
            for (int i = 0; i < count; i++) {
                ByteBuffer frame = ByteBuffer.allocate(size);
                frame.putInt(0, i);
                WebSockets.sendBinary(frame, ch, null);
            }
            ch.setRequireExplicitFlush(false);
            ch.flush();
        }
    }

    /** Connects a pipe's channel, with the tested conduit or without. */
    private void connect(boolean drained) throws Exception {
        pipe = new LoopbackPipe((exchange, channel) -> {
            channel.getReceiveSetter().set(new Bursts());
            channel.resumeReceives();
        });
        client = pipe.connect();
        assertThat(pipe.onIoThread(() -> {
            boolean installed = !drained || DrainedReads.install(client);
            client.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
                    received.add(InboundListener.copied(message));
                }
            });
            client.resumeReceives();
            return installed;
        })).isTrue();
    }

    /** Asks for a burst and waits for all of it, in order; the socket reads it took. */
    private long burst(int count, int size) {
        int before = received.size();
        long reads = pipe.socketReads();
        WebSockets.sendText(count + " " + size, client, null);
        Awaitility.await("a burst of " + count).atMost(WAIT).until(() -> received.size() == before + count);
        for (int i = 0; i < count; i++) {
            ByteBuffer frame = received.get(before + i);
            assertThat(frame.remaining()).isEqualTo(size);
            assertThat(frame.getInt(0)).as("frame %d of the burst", i).isEqualTo(i);
        }
        return pipe.socketReads() - reads;
    }

    @Test
    void framesAlreadyReadAreTakenWithoutReadingTheSocketAgain() throws Exception {
        connect(true);

        long reads = burst(300, 20);

        assertThat(reads).as("socket reads for 300 frames of 20 bytes (6,600 bytes on the wire)").isLessThan(30);
    }

    @Test
    void installedFromAnotherThreadItTakesEffectOnTheIoThread() throws Exception {
        connect(false);
        burst(10, 20);

        assertThat(DrainedReads.install(client)).isTrue();
        long reads = burst(300, 20);

        assertThat(reads).isLessThan(30);
    }

    @Test
    void framesThatArriveLaterAreStillRead() throws Exception {
        connect(true);
        burst(300, 20);

        for (int round = 0; round < 20; round++) {
            burst(1 + round * 7, 20);
        }
        burst(1, 20);
    }

    @Test
    void framesLargerThanOneReadArriveWhole() throws Exception {
        connect(true);

        burst(200, 5000);
        burst(3, 100_000);
        burst(50, 20);
    }

    /** The behaviour the conduit is for: without it, Undertow reads the socket once per frame. */
    @Test
    void withoutItEachFrameCostsASocketRead() throws Exception {
        connect(false);

        long reads = burst(300, 20);

        assertThat(reads).isGreaterThanOrEqualTo(300);
    }
}

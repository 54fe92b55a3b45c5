package org.opencx.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * 10 MB from the platform to a client that reads slowly: the proxy never holds more than about a
 * frame per direction (its own accounting), and the heap stays flat (one coarse check).
 */
class TunnelSlowReaderTest {
    private static final int MESSAGE = 64 * 1024;
    private static final int MESSAGES = 160;

    @Test
    void tenMegabytesTowardASlowReaderKeepTheProxysMemoryBounded() throws Exception {
        try (WireBackend platform = WireBackend.start();
             ProxyFixture proxy = ProxyFixture.plain(RemoteAccess.builder(), platform);
             WirePeer user = WireClient.openWithReceiveBuffer(proxy.port(), "/Thingworx/WSTunnelClient/slow", 8 * 1024);
             WirePeer back = platform.take()) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = usedHeapAfterGc(memory);

            CRC32 sent = new CRC32();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                Random random = new Random(42);
                byte[] chunk = new byte[MESSAGE];
                for (int i = 0; i < MESSAGES; i++) {
                    random.nextBytes(chunk);
                    sent.update(chunk);
                    back.sendBinary(chunk); // blocks while the proxy does not read
                }
            });

            CRC32 received = new CRC32();
            long bytes = 0;
            long midwayHeap = 0;
            for (int i = 0; i < MESSAGES; i++) {
                WirePeer.Message m = user.readMessage();
                assertThat(m.opcode()).isEqualTo(WirePeer.BINARY);
                received.update(m.payload());
                bytes += m.payload().length;
                if (i == MESSAGES / 2) {
                    midwayHeap = usedHeapAfterGc(memory);
                }
                Thread.sleep(2); // the slow reader
            }
            sending.join();

            assertThat(bytes).isEqualTo((long) MESSAGE * MESSAGES);
            assertThat(received.getValue()).isEqualTo(sent.getValue());
            SocketView view = proxy.remote.sockets().get(0);
            // Per direction: the staged bytes and the frame being written, about one I/O buffer.
            assertThat(view.peakBufferedBytes()).isPositive().isLessThanOrEqualTo(2 * 16 * 1024);
            assertThat(midwayHeap - before).as("heap growth midway, bytes").isLessThan(4L * 1024 * 1024);
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}

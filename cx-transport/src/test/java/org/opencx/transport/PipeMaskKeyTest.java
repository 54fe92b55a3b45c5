package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.config.MaskKey;
import org.opencx.testkit.edge.EdgeClient;
import org.xnio.IoFuture;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * {@code connections.mask-key}: with {@code zero} the pipes' data frames carry the mask bit and the
 * key 0 and their payload as it is; with {@code random} (the default) a key drawn per frame. Either
 * way the platform gets every message whole and unchanged.
 */
class PipeMaskKeyTest {
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();

    private static final byte[] MESSAGE = "a message of the relay's, 43 bytes long ..".getBytes(StandardCharsets.US_ASCII);

    @Test
    void zeroKeyFramesAreMaskedWithZeroAndCarryTheMessageAsItIs() throws Exception {
        Frame frame = firstFrame((worker, buffers, uri) -> ZeroKeyDialer.dial(worker, buffers, uri, null, negotiation()));
        assertThat(frame.masked()).isTrue();
        assertThat(frame.key()).containsExactly(0, 0, 0, 0);
        assertThat(frame.payload()).isEqualTo(MESSAGE);
    }

    @Test
    void undertowsClientMasksWithARandomKey() throws Exception {
        Frame frame = firstFrame((worker, buffers, uri) -> PlatformSockets.builder(worker, buffers, uri, null)
                .setClientNegotiation(negotiation()).connect());
        assertThat(frame.masked()).isTrue();
        assertThat(frame.key()).as("a random key (0 with a chance of 2^-32)").isNotEqualTo(new byte[4]);
        byte[] unmasked = frame.payload().clone();
        for (int i = 0; i < unmasked.length; i++) {
            unmasked[i] ^= frame.key()[i % 4];
        }
        assertThat(unmasked).isEqualTo(MESSAGE);
    }

    @Test
    void withZeroKeysThePlatformGetsSmallAndLargeMessagesUnchanged() throws Exception {
        try (CapturingPlatform platform = new CapturingPlatform();
             RelayFixture f = RelayFixture.setup().externalPlatform(platform.wsUri())
                     .link(l -> l.withMaskKey(MaskKey.ZERO)).start()) {
            for (int size : new int[] {10, 300, 70_000, 200_000}) {
                Request push = push("Zero" + size, "x".repeat(size));
                EdgeClient device = f.connect(f.device(push.entityName()));
                assertThat(device.request(push).get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
                byte[] sent = ENCODER.encode(push);
                byte[] received = platform.received().stream()
                        .filter(m -> HeaderAccess.isRequest(ByteBuffer.wrap(m)) && m.length == sent.length)
                        .reduce((a, b) -> b).orElseThrow();
                assertThat(Arrays.copyOfRange(received, Header.SIZE, received.length)).as(size + " characters")
                        .isEqualTo(Arrays.copyOfRange(sent, Header.SIZE, sent.length));
                device.abort();
            }
        }
    }

    private static Request push(String thing, String text) {
        InfoTable vtq = InfoTable.builder()
                .field("name", BaseType.STRING).field("value", BaseType.VARIANT)
                .field("time", BaseType.DATETIME).field("quality", BaseType.STRING)
                .row("Log", Primitive.variant(Primitive.string(text)), 1_700_000_000_000L, "GOOD").build();
        InfoTable params = InfoTable.builder().field("values", BaseType.INFOTABLE).row(vtq).build();
        return Request.of(MethodCode.POST, 0, thing, Characteristic.SERVICES, "UpdateSubscribedPropertyValues", params);
    }

    record Frame(boolean masked, byte[] key, byte[] payload) {
    }

    interface Dial {
        IoFuture<WebSocketChannel> dial(XnioWorker worker, ByteBufferPool buffers, URI uri);
    }

    private static WebSocketClientNegotiation negotiation() {
        return new WebSocketClientNegotiation(List.of(), List.of());
    }

    /** Dials a raw platform, accepts the upgrade, sends {@link #MESSAGE} and reads the frame as it arrives. */
    private static Frame firstFrame(Dial dial) throws Exception {
        XnioWorker worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DefaultByteBufferPool buffers = new DefaultByteBufferPool(false, 16 * 1024)) {
            URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/Thingworx/WS");
            IoFuture<WebSocketChannel> dialing = dial.dial(worker, buffers, uri);
            try (Socket platform = listener.accept()) {
                platform.setSoTimeout(20_000);
                DataInputStream in = new DataInputStream(platform.getInputStream());
                accept(readRequest(in), platform.getOutputStream());
                assertThat(dialing.await(20, TimeUnit.SECONDS)).isEqualTo(IoFuture.Status.DONE);
                WebSocketChannel channel = dialing.get();
                WebSockets.sendBinaryBlocking(ByteBuffer.wrap(MESSAGE.clone()), channel); // Undertow masks it in place
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                assertThat(b0).as("FIN, binary").isEqualTo(0x82);
                assertThat(b1 & 0x7F).isEqualTo(MESSAGE.length);
                byte[] key = new byte[4];
                in.readFully(key);
                byte[] payload = new byte[MESSAGE.length];
                in.readFully(payload);
                channel.close();
                return new Frame((b1 & 0x80) != 0, key, payload);
            }
        } finally {
            worker.shutdownNow();
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        while (!s.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the pipe closed during its upgrade");
            }
            s.append((char) c);
        }
        return s.toString();
    }

    private static void accept(String request, OutputStream out) throws Exception {
        String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}

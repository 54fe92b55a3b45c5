package org.opencx.tunnel;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One end of a WebSocket spoken by hand on a plain or TLS socket, for the tests that must see the
 * wire: the upgrade's head as it was written, and every frame (FIN, opcode, length) as it came. A
 * client masks its frames, a server does not.
 * Public for the tests of other modules (test-jar).
 */
public final class WirePeer implements AutoCloseable {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** A frame as read. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public int length() {
            return payload.length;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        }

        public String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** A frame as it came on the wire: its first byte, its masking key (null: unmasked), its payload as sent. */
    public record RawFrame(int firstByte, Integer maskKey, byte[] payloadAsSent) {
    }

    /** A whole message: its opcode and the frames it came in. */
    public record Message(int opcode, List<Frame> frames) {
        public byte[] payload() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            frames.forEach(f -> out.writeBytes(f.payload()));
            return out.toByteArray();
        }

        public String text() {
            return new String(payload(), StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean masks;
    private final String head;
    private final Map<String, List<String>> headers;

    WirePeer(Socket socket, boolean masks, String head) throws IOException {
        this(socket, new DataInputStream(new BufferedInputStream(socket.getInputStream())), masks, head);
    }

    WirePeer(Socket socket, DataInputStream in, boolean masks, String head) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.masks = masks;
        this.head = head;
        this.headers = parseHeaders(head);
    }

    /** Reads an HTTP head (up to the empty line). */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + sb.length() + " bytes of head: " + sb);
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    public static Map<String, List<String>> parseHeaders(String head) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                out.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** The head of the request (server side) or the response (client side). */
    public String head() {
        return head;
    }

    /** Every value of a header of {@link #head()}, any case. */
    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first line of the head, e.g. {@code GET /Thingworx/TWS?k=v HTTP/1.1}. */
    public String firstLine() {
        return head.substring(0, head.indexOf("\r\n"));
    }

    public void send(int firstByte, byte[] payload) {
        try {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(firstByte);
            int maskBit = masks ? 0x80 : 0;
            int n = payload.length;
            if (n < 126) {
                f.write(maskBit | n);
            } else if (n <= 0xFFFF) {
                f.write(maskBit | 126);
                f.write(n >>> 8);
                f.write(n & 0xFF);
            } else {
                f.write(maskBit | 127);
                f.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
            }
            byte[] body = payload.clone();
            if (masks) {
                byte[] key = new byte[4];
                ThreadLocalRandom.current().nextBytes(key);
                f.writeBytes(key);
                for (int i = 0; i < body.length; i++) {
                    body[i] ^= key[i & 3];
                }
            }
            f.writeBytes(body);
            out.write(f.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes these bytes as they are (a frame made by hand, or part of one). */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendText(String text) {
        send(0x80 | TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBinary(byte[] data) {
        send(0x80 | BINARY, data);
    }

    /** One message in fragments: the first with {@code opcode}, the rest continuations, FIN on the last. */
    public void sendFragmented(int opcode, byte[]... parts) {
        for (int i = 0; i < parts.length; i++) {
            send((i == parts.length - 1 ? 0x80 : 0) | (i == 0 ? opcode : CONTINUATION), parts[i]);
        }
    }

    public void sendClose(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        send(0x80 | CLOSE, ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array());
    }

    /** The next frame, unmasked; fails after {@link #WAIT}. */
    public Frame readFrame() {
        RawFrame raw = readRawFrame();
        byte[] payload = raw.payloadAsSent().clone();
        if (raw.maskKey() != null) {
            int key = raw.maskKey();
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
            }
        }
        return new Frame((raw.firstByte() & 0x80) != 0, raw.firstByte() & 0x0F, payload);
    }

    /** The next frame as it came, its payload still masked when it was; fails after {@link #WAIT}. */
    public RawFrame readRawFrame() {
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long n = b1 & 0x7F;
            if (n == 126) {
                n = in.readUnsignedShort();
            } else if (n == 127) {
                n = in.readLong();
            }
            Integer key = (b1 & 0x80) != 0 ? in.readInt() : null;
            byte[] payload = new byte[Math.toIntExact(n)];
            in.readFully(payload);
            return new RawFrame(b0, key, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next data message, whatever its fragments; control frames before it are skipped. */
    public Message readMessage() {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Frame f = readFrame();
            if (f.opcode() >= CLOSE) {
                if (f.opcode() == CLOSE) {
                    throw new IllegalStateException("closed " + f.closeCode() + " " + f.closeReason());
                }
                continue;
            }
            frames.add(f);
            if (f.fin()) {
                return new Message(frames.get(0).opcode(), frames);
            }
        }
    }

    /** The next frame that is not a data frame of a message (ping, pong or close). */
    public Frame readControl() {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() >= CLOSE) {
                return f;
            }
        }
    }

    /** True when the connection ends (EOF) within the wait, after any frames. */
    public boolean awaitEnd() {
        try {
            while (true) {
                readFrame();
            }
        } catch (UncheckedIOException e) {
            return !(e.getCause() instanceof SocketTimeoutException);
        }
    }

    public void setReadTimeout(Duration d) {
        try {
            socket.setSoTimeout((int) d.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

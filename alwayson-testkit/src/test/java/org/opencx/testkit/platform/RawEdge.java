package org.opencx.testkit.platform;

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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.MultipartAssembler;
import org.opencx.alwayson.MultipartLimits;
import org.opencx.alwayson.Response;

/**
 * An edge on a plain TCP socket that speaks WebSocket by hand, the way the C SDK does: its exact
 * upgrade request, client frames masked with a zero key, and every server frame recorded as it came
 * off the wire (FIN, RSV1, opcode, length form, length, payload). For the tests that must see the
 * wire: the 101's headers and the size of every frame the platform (or a Connection Server) sends.
 * Public for the wire tests of other modules (test-jar).
 */
public final class RawEdge implements AutoCloseable {
    /** One frame as received. {@code lengthForm} is 7, 16 or 64 (bits of the length field used). */
    public record Frame(boolean fin, boolean rsv1, int opcode, int lengthForm, int length, byte[] payload) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String responseHead;
    private final List<Frame> frames = new ArrayList<>();
    private final Inflater inflater = new Inflater(true);
    private final MultipartAssembler assembler = new MultipartAssembler(MultipartLimits.DEFAULTS, Clock.systemUTC());
    private final MessageDecoder decoder = MessageDecoder.withDefaults();
    private final MessageEncoder encoder = MessageEncoder.withDefaults();

    private RawEdge(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
    }

    /** Connects and upgrades with the C SDK's request (spec 1.2); offers deflate when asked. */
    public static RawEdge connect(String host, int port, int maxFrameSize, boolean deflate) {
        return connect(host, port, sdkUpgrade(host, maxFrameSize, deflate));
    }

    /**
     * As {@link #connect(String, int, int, boolean)}, on a socket whose receive buffer is
     * {@code receiveBuffer} bytes: an edge that reads little, or nothing.
     */
    public static RawEdge connect(String host, int port, int maxFrameSize, boolean deflate, int receiveBuffer) {
        try {
            Socket s = new Socket();
            s.setReceiveBufferSize(receiveBuffer);
            s.connect(new java.net.InetSocketAddress(host, port));
            return upgrade(s, sdkUpgrade(host, maxFrameSize, deflate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The C SDK's upgrade request (spec 1.2). */
    private static String sdkUpgrade(String host, int maxFrameSize, boolean deflate) {
        byte[] key = new byte[16];
        new java.util.Random().nextBytes(key);
        String request = "GET /Thingworx/WS HTTP/1.1\r\n"
                + "User-Agent: ThingWorx C SDK\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Host: " + host + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "")
                + "Max-Frame-Size: " + maxFrameSize + "\r\n"
                + "appKey: not-checked-at-upgrade\r\n\r\n";
        return request;
    }

    /** Connects and sends this upgrade request byte for byte (e.g. a captured one), then reads the response head. */
    public static RawEdge connect(String host, int port, String request) {
        try {
            return upgrade(new Socket(host, port), request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawEdge upgrade(Socket s, String request) {
        try {
            s.setSoTimeout((int) ScriptedEdge.WAIT.toMillis());
            s.setTcpNoDelay(true);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed during the upgrade: " + head);
                }
                head.write(b);
            }
            return new RawEdge(s, head.toString(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 101 response head, CRLF line ends included. */
    public String responseHead() {
        return responseHead;
    }

    /** The value of a response header (first match, name compared ignoring case), or null. */
    public String responseHeader(String name) {
        for (String line : responseHead.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).stripLeading();
            }
        }
        return null;
    }

    /** Every frame received so far, in order. */
    public List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Encodes and sends one AlwaysOn message as one masked binary frame (zero mask key). */
    public void send(Message m) {
        sendFrame(encoder.encode(m));
    }

    public void sendFrame(byte[] payload) {
        sendFrame(0x82, payload);
    }

    /** Sends one frame with this first byte (FIN, RSV, opcode), masked with a zero key as the C SDK does. */
    public void sendFrame(int firstByte, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(firstByte);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        }
        f.writeBytes(new byte[4]);
        f.writeBytes(payload);
        sendRaw(f.toByteArray());
    }

    /** Writes these bytes as they are (e.g. captured client frames). */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a ping (masked, zero key, as the C SDK does) and returns the payload of the pong that answers it. */
    public byte[] ping(byte[] payload) {
        sendFrame(0x89, payload);
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 0xA) {
                return f.payload();
            }
        }
    }

    /** Reads until the server's close frame and returns its status code. */
    public int awaitClose() {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 0x8) {
                byte[] data = f.payload();
                return data.length >= 2 ? (data[0] & 0xFF) << 8 | (data[1] & 0xFF) : 1005;
            }
        }
    }

    /**
     * True when no byte arrives within {@code time} (nothing is consumed); false when something
     * arrives or the connection ends. For tests that prove an absence: keep the time short.
     */
    public boolean silentFor(Duration time) {
        try {
            socket.setSoTimeout((int) Math.max(1, time.toMillis()));
            in.mark(1);
            int b = in.read();
            if (b >= 0) {
                in.reset();
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                socket.setSoTimeout((int) ScriptedEdge.WAIT.toMillis());
            } catch (IOException e) {
                // the socket is gone; the next read says so
            }
        }
    }

    /** Reads one frame of any kind, records it and returns it. */
    public Frame readFrame() {
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            int len = b1 & 0x7F;
            int form = 7;
            long length = len;
            if (len == 126) {
                form = 16;
                length = in.readUnsignedShort();
            } else if (len == 127) {
                form = 64;
                length = in.readLong();
            }
            if ((b1 & 0x80) != 0) {
                throw new IOException("a server frame is masked");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            Frame f = new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0F, form, (int) length, payload);
            frames.add(f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads WebSocket messages until one completes an AlwaysOn message (reassembling chunks). */
    public Message receive() {
        while (true) {
            ByteBuffer data = ByteBuffer.wrap(readMessage());
            if (data.remaining() >= Header.SIZE && HeaderAccess.isMultipart(data)) {
                byte[] complete = assembler.accept(data);
                if (complete != null) {
                    return decoder.decode(complete);
                }
            } else {
                return decoder.decode(data);
            }
        }
    }

    /** Reads AlwaysOn messages until the response to {@code requestId}; every other message goes to {@code others}. */
    public Response responseTo(int requestId, java.util.function.Consumer<Message> others) {
        while (true) {
            Message m = receive();
            if (m instanceof Response r && r.header().requestId() == requestId) {
                return r;
            }
            others.accept(m);
        }
    }

    /** One complete WebSocket data message (inflated), skipping control frames (which are recorded). */
    public byte[] readMessage() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean compressed = false;
        boolean first = true;
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 0x8) {
                throw new UncheckedIOException(new IOException("closed by the server"));
            }
            if (f.opcode() >= 0x8) {
                continue;
            }
            if (first) {
                compressed = f.rsv1();
                first = false;
            }
            message.writeBytes(f.payload());
            if (f.fin()) {
                return compressed ? inflate(message.toByteArray()) : message.toByteArray();
            }
        }
    }

    private byte[] inflate(byte[] compressed) {
        byte[] input = new byte[compressed.length + 4];
        System.arraycopy(compressed, 0, input, 0, compressed.length);
        input[compressed.length + 2] = (byte) 0xFF;
        input[compressed.length + 3] = (byte) 0xFF;
        inflater.setInput(input);
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        try {
            while (true) {
                int n = inflater.inflate(buf);
                if (n == 0) {
                    break;
                }
                outBytes.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("bad deflate data", e);
        }
        return outBytes.toByteArray();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        inflater.end();
    }
}

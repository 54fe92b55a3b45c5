package org.opencx.testkit.platform;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

/**
 * An edge on a plain TCP socket that speaks WebSocket by hand, the way the C SDK does: its exact
 * upgrade request, client frames masked with a zero key, and every server frame recorded as it came
 * off the wire (FIN, RSV1, opcode, length form, length). For the tests that must see the wire:
 * the 101's headers and the size of every frame the platform sends.
 */
final class RawEdge implements AutoCloseable {
    /** One frame as received. {@code lengthForm} is 7, 16 or 64 (bits of the length field used). */
    record Frame(boolean fin, boolean rsv1, int opcode, int lengthForm, int length) {
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
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
    }

    /** Connects and upgrades with the C SDK's request (spec 1.2); offers deflate when asked. */
    static RawEdge connect(String host, int port, int maxFrameSize, boolean deflate) {
        try {
            Socket s = new Socket(host, port);
            s.setSoTimeout((int) ScriptedEdge.WAIT.toMillis());
            s.setTcpNoDelay(true);
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
    String responseHead() {
        return responseHead;
    }

    /** The value of a response header (first match, name compared ignoring case), or null. */
    String responseHeader(String name) {
        for (String line : responseHead.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).stripLeading();
            }
        }
        return null;
    }

    List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Encodes and sends one AlwaysOn message as one masked binary frame (zero mask key). */
    void send(Message m) {
        sendFrame(encoder.encode(m));
    }

    void sendFrame(byte[] payload) {
        sendFrame(0x82, payload);
    }

    /** Sends a ping (masked, zero key, as the C SDK does) and returns the payload of the pong that answers it. */
    byte[] ping(byte[] payload) {
        sendFrame(0x89, payload);
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7F;
                byte[] data = new byte[len];
                in.readFully(data);
                frames.add(new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0F, 7, len));
                if ((b0 & 0x0F) == 0xA) {
                    return data;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server's close frame and returns its status code. */
    int awaitClose() {
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                }
                byte[] data = new byte[len];
                in.readFully(data);
                if ((b0 & 0x0F) == 0x8) {
                    return data.length >= 2 ? (data[0] & 0xFF) << 8 | (data[1] & 0xFF) : 1005;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sendFrame(int first, byte[] payload) {
        try {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(first);
            if (payload.length < 126) {
                f.write(0x80 | payload.length);
            } else {
                f.write(0x80 | 126);
                f.write(payload.length >>> 8);
                f.write(payload.length);
            }
            f.write(new byte[4]);
            f.write(payload);
            out.write(f.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads WebSocket messages until one completes an AlwaysOn message (reassembling chunks). */
    Message receive() {
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

    /** One complete WebSocket data message (inflated), answering pings on the way. */
    byte[] readMessage() {
        try {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            boolean compressed = false;
            boolean first = true;
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                int opcode = b0 & 0x0F;
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
                boolean fin = (b0 & 0x80) != 0;
                boolean rsv1 = (b0 & 0x40) != 0;
                frames.add(new Frame(fin, rsv1, opcode, form, (int) length));
                if (opcode == 0x8) {
                    throw new IOException("closed by the server");
                }
                if (opcode >= 0x8) {
                    continue;
                }
                if (first) {
                    compressed = rsv1;
                    first = false;
                }
                message.write(payload);
                if (fin) {
                    return compressed ? inflate(message.toByteArray()) : message.toByteArray();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

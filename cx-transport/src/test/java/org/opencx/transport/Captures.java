package org.opencx.transport;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MessageDecoder;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/**
 * The real C SDK 2.2.1 captures (alwayson-vectors' {@link Vectors}) as the transport tests use
 * them: the SDK's upgrade request aimed at a test host, the header lines of the 101 it accepted,
 * its raw client frames split at the WebSocket frame boundaries (inflated where compressed), and
 * its transcript.
 */
final class Captures {
    static final String BASIC = "01-basic";
    static final String DEFLATE = "03-deflate";
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;

    private static final MessageDecoder DECODER = MessageDecoder.withDefaults();

    private Captures() {
    }

    /** The SDK's upgrade request byte for byte, its {@code Host} line pointing at {@code host}. */
    static String upgradeRequest(String scenario, String host) {
        return Vectors.handshakeRequest(scenario).replaceFirst("(?m)^Host: [^\r\n]*", "Host: " + host);
    }

    /** The header lines (status line excluded) of the 101 the SDK accepted in this capture. */
    static List<String> acceptedResponseHeaders(String scenario) {
        return headerLines(Vectors.handshakeResponse(scenario));
    }

    /** The header lines of an HTTP head, status line and the blank end excluded. */
    static List<String> headerLines(String head) {
        List<String> lines = Arrays.asList(head.split("\r\n"));
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).toList();
    }

    static Transcript transcript(String scenario) {
        return Vectors.transcript(scenario);
    }

    /** The app key the SDK sent in its AUTH (the platform must accept it for a replay). */
    static String appKey(String scenario) {
        Auth auth = (Auth) decode(transcript(scenario).labelled("AUTH").get(0).bytes());
        return auth.claim("appKey").orElseThrow();
    }

    static Message decode(byte[] bytes) {
        return DECODER.decode(bytes);
    }

    /** One WebSocket frame as the client sent it: its bytes on the wire and its unmasked payload. */
    record Frame(byte[] wire, byte[] payload) {
        int firstByte() {
            return wire[0] & 0xFF;
        }

        int opcode() {
            return firstByte() & 0x0F;
        }

        boolean fin() {
            return (firstByte() & 0x80) != 0;
        }

        boolean rsv1() {
            return (firstByte() & 0x40) != 0;
        }
    }

    /**
     * One client message: its frames as captured and its content (a data message inflated when it
     * was compressed, so it is the AlwaysOn message itself).
     */
    record ClientMessage(List<Frame> frames, byte[] content) {
        int opcode() {
            return frames.get(0).opcode();
        }

        boolean data() {
            return opcode() < OPCODE_CLOSE;
        }

        boolean compressed() {
            return frames.get(0).rsv1();
        }

        /** The captured bytes of every frame of the message. */
        byte[] wire() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            frames.forEach(f -> out.writeBytes(f.wire()));
            return out.toByteArray();
        }

        /**
         * The same payload as the SDK sends a message past its frame size: a first frame without
         * FIN and a continuation frame, both with RSV1 when compressed (the SDK's quirk), zero mask.
         */
        byte[] wireInTwoFrames() {
            byte[] payload = payload();
            int half = payload.length / 2;
            int rsv1 = compressed() ? 0x40 : 0;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(maskedFrame(rsv1 | opcode(), Arrays.copyOfRange(payload, 0, half)));
            out.writeBytes(maskedFrame(0x80 | rsv1, Arrays.copyOfRange(payload, half, payload.length)));
            return out.toByteArray();
        }

        /** The payload as sent (compressed or not), all frames joined. */
        byte[] payload() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            frames.forEach(f -> out.writeBytes(f.payload()));
            return out.toByteArray();
        }
    }

    /**
     * The client's messages from {@code raw-client-to-server.bin}, in the order they were sent.
     * Compressed messages are inflated with one context for the whole connection (client context
     * takeover, as the SDK compresses).
     */
    static List<ClientMessage> clientMessages(String scenario) {
        byte[] raw = Vectors.rawClientToServer(scenario);
        List<ClientMessage> messages = new ArrayList<>();
        List<Frame> pending = new ArrayList<>();
        Inflater inflater = new Inflater(true);
        try {
            int at = 0;
            while (at < raw.length) {
                Frame f = frameAt(raw, at);
                at += f.wire().length;
                if (f.opcode() >= OPCODE_CLOSE) {
                    messages.add(new ClientMessage(List.of(f), f.payload()));
                    continue;
                }
                pending.add(f);
                if (f.fin()) {
                    ClientMessage m = new ClientMessage(List.copyOf(pending), null);
                    byte[] content = m.compressed() ? inflate(inflater, m.payload()) : m.payload();
                    messages.add(new ClientMessage(m.frames(), content));
                    pending.clear();
                }
            }
        } finally {
            inflater.end();
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(scenario + ": the capture ends inside a fragmented message");
        }
        return messages;
    }

    private static Frame frameAt(byte[] raw, int at) {
        int b1 = raw[at + 1] & 0xFF;
        int len = b1 & 0x7F;
        int headerLength = 2;
        if (len == 126) {
            len = (raw[at + 2] & 0xFF) << 8 | (raw[at + 3] & 0xFF);
            headerLength = 4;
        } else if (len == 127) {
            throw new IllegalStateException("the C SDK never uses the 64-bit length form (offset " + at + ")");
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
            System.arraycopy(raw, at + headerLength, mask, 0, 4);
            headerLength += 4;
        }
        byte[] payload = Arrays.copyOfRange(raw, at + headerLength, at + headerLength + len);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return new Frame(Arrays.copyOfRange(raw, at, at + headerLength + len), payload);
    }

    /** A client frame: this first byte, the payload masked with a zero key (as the C SDK masks). */
    private static byte[] maskedFrame(int firstByte, byte[] payload) {
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
        return f.toByteArray();
    }

    /** permessage-deflate: append 00 00 FF FF and inflate with the connection's context. */
    private static byte[] inflate(Inflater inflater, byte[] compressed) {
        byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
        input[input.length - 2] = (byte) 0xFF;
        input[input.length - 1] = (byte) 0xFF;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("bad deflate data in the capture", e);
        }
        return out.toByteArray();
    }
}

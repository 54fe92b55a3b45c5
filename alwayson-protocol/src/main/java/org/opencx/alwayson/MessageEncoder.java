package org.opencx.alwayson;

import java.util.List;

/**
 * Encodes a message as one complete AlwaysOn message (multipart flag 0). Splitting a message
 * larger than the peer's chunk size is {@link MultipartSplitter}'s job.
 *
 * <p>Writers follow the C SDK: a reason marker of 1, params or content marker 0x05 or 0xFF,
 * 1-byte string prefixes below 128 bytes. Thread-safe.
 */
public final class MessageEncoder {
    private static final int INITIAL_CAPACITY = 256;

    private final int maxMessageSize;

    public MessageEncoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public static MessageEncoder withDefaults() {
        return new MessageEncoder(CodecLimits.DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * Encodes the message.
     *
     * @throws ProtocolException with {@link StatusCode#ENTITY_TOO_LARGE} when it exceeds the
     *                           maximum message size
     */
    public byte[] encode(Message message) {
        WireWriter w = new WireWriter(INITIAL_CAPACITY, maxMessageSize);
        writeHeader(w, message.header(), false);
        if (message instanceof Request q) {
            writeRequestBody(w, q);
        } else if (message instanceof Response s) {
            writeResponseBody(w, s);
        } else if (message instanceof Auth a) {
            w.u8(countByte(a.claims().size(), "claims"));
            for (Claim c : a.claims()) {
                w.string(c.name());
                w.string(c.value());
            }
        } else if (message instanceof Bind b) {
            writeBindBody(w, b.gateway(), b.thingNames());
        } else if (message instanceof Unbind u) {
            writeBindBody(w, u.gateway(), u.thingNames());
        }
        // KeepAlive: the header is the whole message.
        return w.toByteArray();
    }

    static void writeHeader(WireWriter w, Header h, boolean multipart) {
        w.u8(h.version());
        w.u8(h.code());
        w.i32(h.requestId());
        w.i32(h.endpointId());
        w.i32(h.sessionId());
        w.u8(multipart ? 1 : 0);
    }

    private static void writeRequestBody(WireWriter w, Request q) {
        w.u8(q.entityType().code());
        w.string(q.entityName());
        w.u8(q.characteristic().code());
        w.string(q.characteristicName());
        w.u8(countByte(q.headers().size(), "request headers"));
        for (RequestHeader h : q.headers()) {
            w.string(h.name());
            w.string(h.value());
        }
        writeOptionalTable(w, q.params());
    }

    private static void writeResponseBody(WireWriter w, Response s) {
        if (s.reason() == null) {
            w.u8(0);
        } else {
            w.u8(1);
            w.string(s.reason());
        }
        writeOptionalTable(w, s.content());
    }

    private static void writeOptionalTable(WireWriter w, InfoTable t) {
        if (t == null) {
            w.u8(MessageDecoder.MARKER_NOTHING);
        } else {
            w.u8(MessageDecoder.MARKER_INFOTABLE);
            ValueCodec.writeInfoTable(w, t);
        }
    }

    private static void writeBindBody(WireWriter w, Gateway gateway, List<String> names) {
        if (gateway == null) {
            w.u8(0);
        } else {
            w.u8(1);
            w.string(gateway.name());
            w.string(gateway.type());
        }
        w.u16(ValueCodec.count16(names.size(), "thing names"));
        for (String name : names) {
            w.string(name);
        }
    }

    private static int countByte(int n, String what) {
        if (n > 0xFF) {
            throw new IllegalArgumentException(n + " " + what + " do not fit in a u8 count");
        }
        return n;
    }
}

package org.opencx.alwayson;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one complete AlwaysOn message (one WebSocket message that is not a multipart chunk).
 *
 * <p>Lenient where the real C SDK needs it: bytes after a complete body are ignored (spec 11.1),
 * and a request's params marker other than 0x05 means no params, as the C SDK reads it. Strict
 * where safety needs it: the message size, every length and count, and the nesting depth are
 * checked before anything is allocated, and the thing names of BIND and UNBIND must be valid UTF-8
 * (other strings are read as the C SDK writes them, malformed bytes as U+FFFD). Whatever the input, the only exception is
 * {@link ProtocolException}. The buffer's position and limit are left as they were.
 *
 * <p>Thread-safe and allocation-light: one instance serves a whole server.
 */
public final class MessageDecoder {
    static final int MARKER_INFOTABLE = 0x05;
    static final int MARKER_NOTHING = 0xFF;

    private final CodecLimits limits;
    private final ValueCodec values;

    public MessageDecoder(CodecLimits limits) {
        this.limits = limits;
        this.values = new ValueCodec(limits.maxNestingDepth());
    }

    public static MessageDecoder withDefaults() {
        return new MessageDecoder(CodecLimits.DEFAULTS);
    }

    public CodecLimits limits() {
        return limits;
    }

    public Message decode(byte[] message) {
        return decode(ByteBuffer.wrap(message));
    }

    /** Decodes the bytes from the buffer's position to its limit. */
    public Message decode(ByteBuffer message) {
        if (message.remaining() > limits.maxMessageSize()) {
            throw ProtocolException.tooLarge(0, "message of " + message.remaining() + " bytes exceeds the limit of "
                    + limits.maxMessageSize());
        }
        WireReader r = new WireReader(message);
        Header header = readHeader(r);
        int flagOffset = r.offset();
        if (r.u8("multipart flag") != 0) {
            throw ProtocolException.malformed(flagOffset, "a multipart chunk: reassemble it before decoding");
        }
        int code = header.code();
        if (MethodCode.isRequestCode(code)) {
            return readRequest(header, r);
        }
        if (MethodCode.isResponseCode(code)) {
            return readResponse(header, r);
        }
        return switch (code) {
            case 0x14 -> new Auth(header, readClaims(r));
            case 0x0A -> readBind(header, r);
            case 0x0B -> readUnbind(header, r);
            case 0x1F -> new KeepAlive(header);
            default -> throw ProtocolException.malformed(1, String.format("unsupported message code 0x%02X", code));
        };
    }

    static Header readHeader(WireReader r) {
        r.need(Header.SIZE, "header");
        int version = r.u8("version");
        int code = r.u8("code");
        return new Header(version, code, r.i32("requestId"), r.i32("endpointId"), r.i32("sessionId"));
    }

    private Request readRequest(Header header, WireReader r) {
        int at = r.offset();
        int typeCode = r.u8("entity type");
        EntityType entityType = EntityType.of(typeCode);
        if (entityType == null) {
            throw ProtocolException.malformed(at, "unknown entity type " + typeCode);
        }
        String entityName = r.string("entity name");
        at = r.offset();
        int charCode = r.u8("characteristic type");
        Characteristic characteristic = Characteristic.of(charCode);
        if (characteristic == null) {
            throw ProtocolException.malformed(at, "unknown characteristic type " + charCode);
        }
        String characteristicName = r.string("characteristic name");
        int n = r.count(r.u8("header count"), 2, "request header");
        List<RequestHeader> headers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            headers.add(new RequestHeader(r.string("request header name"), r.string("request header value")));
        }
        InfoTable params = r.u8("params marker") == MARKER_INFOTABLE ? values.readInfoTable(r, 1) : null;
        return new Request(header, entityType, entityName, characteristic, characteristicName, headers, params);
    }

    private Response readResponse(Header header, WireReader r) {
        String reason = r.u8("reason marker") != 0 ? r.string("reason") : null;
        InfoTable content = r.u8("content type") == MARKER_INFOTABLE ? values.readInfoTable(r, 1) : null;
        return new Response(header, reason, content);
    }

    private static List<Claim> readClaims(WireReader r) {
        int n = r.count(r.u8("claim count"), 2, "claim");
        List<Claim> claims = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            claims.add(new Claim(r.string("claim name"), r.string("claim value")));
        }
        return claims;
    }

    private static Bind readBind(Header header, WireReader r) {
        Gateway gateway = readGateway(r);
        return new Bind(header, gateway, readNames(r));
    }

    private static Unbind readUnbind(Header header, WireReader r) {
        Gateway gateway = readGateway(r);
        return new Unbind(header, gateway, readNames(r));
    }

    private static Gateway readGateway(WireReader r) {
        if (r.u8("gateway marker") == 0) {
            return null;
        }
        return new Gateway(r.string("gateway name"), r.string("gateway type"));
    }

    private static List<String> readNames(WireReader r) {
        int n = r.count(r.u16("name count"), 1, "thing name");
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(r.strictString("thing name"));
        }
        return names;
    }
}

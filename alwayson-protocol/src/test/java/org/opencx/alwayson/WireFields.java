package org.opencx.alwayson;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spec examples that are not complete messages, written out in the form of their {@code decoded}
 * blocks (alwayson-vectors, spec-examples/README.md): a multipart chunk, read with the relay's
 * header fast path ({@link HeaderAccess}, {@link EntityPeek}), and a WebSocket frame (the codec
 * has no WebSocket layer: its two header bytes are read here).
 */
final class WireFields {
    private WireFields() {
    }

    /**
     * A chunk: header, chunk header, the entity prefix a request chunk after the first repeats,
     * and which bytes of the whole body ({@code body}, named {@code bodyName}) it carries.
     */
    static Map<String, String> ofChunk(byte[] chunk, String bodyName, byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(chunk);
        Map<String, String> out = new LinkedHashMap<>(MessageFields.ofHeader(HeaderAccess.read(b), chunk[HeaderAccess.OFFSET_MULTIPART]));
        ChunkHeader ch = HeaderAccess.readChunkHeader(b);
        out.put("chunk.chunkId", String.valueOf(ch.chunkId()));
        out.put("chunk.chunkCount", String.valueOf(ch.chunkCount()));
        out.put("chunk.chunkSize", String.valueOf(ch.chunkSize()));
        int dataAt = Header.SIZE + Header.CHUNK_HEADER_SIZE;
        if (ch.chunkId() > 1 && HeaderAccess.isRequest(b)) {
            out.put("chunk.entityType", MessageFields.entityType(EntityPeek.entityTypeCode(b)));
            out.put("chunk.entityName", MessageFields.quoted(EntityPeek.entityName(b)));
            long span = EntityPeek.entityNameSpan(b);
            dataAt = EntityPeek.spanIndex(span) + EntityPeek.spanLength(span);
        }
        byte[] data = Arrays.copyOfRange(chunk, dataAt, chunk.length);
        int from = indexOf(body, data);
        out.put("chunk.body", from < 0 ? "bytes not in " + bodyName
                : "bytes " + from + ".." + (from + data.length - 1) + " of " + bodyName);
        return out;
    }

    /**
     * A WebSocket frame (payload under 126 bytes). Its payload is named {@code payloadName} when
     * it equals {@code knownPayload}, else written as a string.
     */
    static Map<String, String> ofFrame(byte[] frame, String payloadName, byte[] knownPayload) {
        Map<String, String> out = new LinkedHashMap<>();
        int b0 = frame[0] & 0xFF;
        int b1 = frame[1] & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        int length = b1 & 0x7F;
        if (length > 125) {
            throw new IllegalArgumentException("only frames with 7-bit lengths here: " + length);
        }
        out.put("ws.fin", String.valueOf(b0 >>> 7));
        out.put("ws.rsv1", String.valueOf((b0 >>> 6) & 1));
        out.put("ws.opcode", String.format("0x%X %s", b0 & 0x0F, opcodeName(b0 & 0x0F)));
        out.put("ws.mask", masked ? "1" : "0");
        out.put("ws.payloadLength", String.valueOf(length));
        int at = 2;
        byte[] key = new byte[4];
        if (masked) {
            key = Arrays.copyOfRange(frame, at, at + 4);
            at += 4;
            out.put("ws.maskingKey", String.format("%02X %02X %02X %02X", key[0], key[1], key[2], key[3]));
        }
        byte[] payload = Arrays.copyOfRange(frame, at, at + length);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= key[i % 4];
        }
        out.put("ws.payload", Arrays.equals(payload, knownPayload) ? payloadName
                : MessageFields.quoted(new String(payload, StandardCharsets.UTF_8)));
        return out;
    }

    private static String opcodeName(int opcode) {
        switch (opcode) {
            case 0x0: return "continuation";
            case 0x1: return "text";
            case 0x2: return "binary";
            case 0x8: return "close";
            case 0x9: return "ping";
            case 0xA: return "pong";
            default: return "reserved";
        }
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}

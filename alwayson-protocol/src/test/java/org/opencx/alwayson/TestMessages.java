package org.opencx.alwayson;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/** Encoded messages of an exact size for multipart tests, and the chunk sets of the captures. */
final class TestMessages {
    private static final MessageEncoder ENCODER = MessageEncoder.withDefaults();
    /** A string value of 128 chars or more has the 4-byte length prefix: one more char is one more byte. */
    private static final int BASE_VALUE_LENGTH = 200;
    /** The captures are large (08-multipart is 1 MB of hex): each is read once per test run. */
    private static final Map<String, List<ChunkSet>> CHUNK_SETS = new ConcurrentHashMap<>();

    private TestMessages() {
    }

    /** A POST to {@code thing} whose encoding is exactly {@code totalLength} bytes. */
    static byte[] request(int requestId, String thing, int totalLength) {
        int valueLength = BASE_VALUE_LENGTH + totalLength - requestWithValue(requestId, thing, BASE_VALUE_LENGTH).length;
        if (valueLength < 0x80) {
            throw new IllegalArgumentException("a request to " + thing + " cannot be as short as " + totalLength);
        }
        byte[] m = requestWithValue(requestId, thing, valueLength);
        if (m.length != totalLength) {
            throw new IllegalStateException("built " + m.length + " bytes, wanted " + totalLength);
        }
        return m;
    }

    private static byte[] requestWithValue(int requestId, String thing, int valueLength) {
        InfoTable params = InfoTable.single("message", Primitive.string(TestBytes.letters(valueLength)));
        Request q = Request.of(MethodCode.POST, requestId, thing, Characteristic.SERVICES, "LogMessage", params);
        return ENCODER.encode(q.withHeader(q.header().withSessionId(0xC0FFEE)));
    }

    /** A SUCCESS response carrying a string reason, exactly {@code totalLength} (at least 149) bytes. */
    static byte[] response(int requestId, int totalLength) {
        int reason = totalLength - (Header.SIZE + 1 + 4 + 1);
        if (reason < 0x80) {
            throw new IllegalArgumentException("response too short for a 4-byte reason prefix: " + totalLength);
        }
        Header h = Header.of(StatusCode.SUCCESS.code(), requestId, 1, 0xC0FFEE);
        byte[] m = ENCODER.encode(new Response(h, TestBytes.letters(reason), null));
        if (m.length != totalLength) {
            throw new IllegalStateException("built " + m.length + " bytes, wanted " + totalLength);
        }
        return m;
    }

    /** A copy of a chunk with other chunk header fields (u16 each, written as given). */
    static byte[] withChunkHeader(byte[] chunk, int chunkId, int chunkCount, int chunkSize) {
        byte[] c = chunk.clone();
        put16(c, HeaderAccess.OFFSET_CHUNK_ID, chunkId);
        put16(c, HeaderAccess.OFFSET_CHUNK_COUNT, chunkCount);
        put16(c, HeaderAccess.OFFSET_CHUNK_SIZE, chunkSize);
        return c;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    /**
     * The chunks of one multipart message in a capture, in capture order, and the capture tool's
     * reassembly of them ({@code null} when the capture has none).
     */
    record ChunkSet(String scenario, List<Transcript.Entry> chunks, Transcript.Entry reassembled) {
        List<byte[]> chunkBytes() {
            return chunks.stream().map(Transcript.Entry::bytes).toList();
        }

        @Override
        public String toString() {
            return scenario + " " + chunks.get(0).label().replaceAll("-chunk.*", "") + " (" + chunks.size() + " chunks)";
        }
    }

    /** Every multipart message of a capture, grouped by direction, request id and request/response. */
    static List<ChunkSet> chunkSets(String scenario) {
        return CHUNK_SETS.computeIfAbsent(scenario, TestMessages::readChunkSets);
    }

    private static List<ChunkSet> readChunkSets(String scenario) {
        Transcript t = Vectors.transcript(scenario);
        Map<String, List<Transcript.Entry>> chunks = new LinkedHashMap<>();
        Map<String, Transcript.Entry> wholes = new LinkedHashMap<>();
        for (Transcript.Entry e : t.entries()) {
            if (e.chunk()) {
                chunks.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e);
            } else if (e.reassembled()) {
                wholes.put(key(e), e);
            }
        }
        List<ChunkSet> sets = new ArrayList<>();
        chunks.forEach((k, list) -> sets.add(new ChunkSet(scenario, List.copyOf(list), wholes.get(k))));
        return List.copyOf(sets);
    }

    /** The one chunk set whose chunk labels contain {@code label}. */
    static ChunkSet chunkSet(String scenario, String label) {
        List<ChunkSet> found = chunkSets(scenario).stream()
                .filter(s -> s.chunks().stream().allMatch(e -> e.label().contains(label)))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " chunk sets labelled " + label + " in " + scenario);
        }
        return found.get(0);
    }

    private static String key(Transcript.Entry e) {
        ByteBuffer b = ByteBuffer.wrap(e.bytes());
        return e.direction() + "/" + Integer.toUnsignedString(HeaderAccess.requestId(b)) + "/" + HeaderAccess.isResponse(b);
    }
}

package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.MultipartSplitter;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * Broken multipart messages from an edge (docs/reliability.md): a bad chunk gets one answer for its
 * message (0x80, 0x8D, or 0xA3 past the partial messages allowed), the message's other chunks are
 * dropped without a second answer, an incomplete message expires; each is counted and logged, the
 * socket and the neighbour device go on.
 */
class HostileMultipartTest {
    private static final String THING = "Chunky-1";
    @RegisterExtension
    static final HostileFixture f = HostileFixture.plain();
    private static HostileEdge edge;

    @BeforeAll
    static void bind() {
        edge = f.edge();
        assertThat(edge.authAndBind(THING).isSuccess()).isTrue();
    }

    @AfterAll
    static void close() {
        edge.close();
    }

    /** Before the fixture asks the neighbour: this socket goes on too. */
    @AfterEach
    void socketStillWorks() {
        assertThat(edge.call(event(10)).status()).as("the socket goes on").isEqualTo(StatusCode.SUCCESS);
    }

    private static Request event(int bytes) {
        return Request.of(MethodCode.POST, 0, THING, Characteristic.EVENTS, "Snapshot",
                InfoTable.single("image", Primitive.string("x".repeat(bytes))));
    }

    /** A 20 KB event in three chunks of 8192 bytes, with a fresh request id and the session id. */
    private static List<byte[]> chunks(int requestId) {
        Request r = event(20_000);
        byte[] whole = HostileEdge.encode(r.withHeader(r.header().withRequestId(requestId).withSessionId(edge.sessionId())));
        List<byte[]> chunks = new MultipartSplitter(8192, 1 << 20, 0).split(whole);
        assertThat(chunks).hasSize(3);
        return chunks;
    }

    private static byte[] withShort(byte[] chunk, int offset, int value) {
        byte[] c = chunk.clone();
        ByteBuffer.wrap(c).putShort(offset, (short) value);
        return c;
    }

    /** Sends the chunks; the answer to their message must be {@code status}, once, counted under {@code reason}. */
    private Response expectOneAnswer(int id, List<byte[]> send, StatusCode status, String reason) throws Exception {
        double before = f.refusals(reason);
        send.forEach(edge::sendBytes);
        Response r = edge.answerTo(id);
        assertThat(r.status()).isEqualTo(status);
        // The next request's answer is the next thing to arrive: no second answer to this message.
        int next = edge.newRequestId();
        Request probe = event(10);
        edge.sendBytes(HostileEdge.encode(probe.withHeader(probe.header().withRequestId(next)
                .withSessionId(edge.sessionId()))));
        Response after = edge.answerTo(next);
        assertThat(after.status()).isEqualTo(StatusCode.SUCCESS);
        assertThat(edge.raw.frames().stream().map(fr -> ByteBuffer.wrap(fr.payload()))
                .filter(b -> b.remaining() >= Header.SIZE && HeaderAccess.requestId(b) == id)).hasSize(1);
        assertThat(f.refusals(reason)).isEqualTo(before + 1);
        return r;
    }

    @Test
    void aChunkIdPastTheCountIsAnswered0x80Once() throws Exception {
        int id = edge.newRequestId();
        List<byte[]> c = chunks(id);
        Response r = expectOneAnswer(id, List.of(withShort(c.get(0), HeaderAccess.OFFSET_CHUNK_ID, 5), c.get(1), c.get(2)),
                StatusCode.BAD_REQUEST, "malformed");
        assertThat(r.reason()).contains("chunk 5 of 3 is out of range");
        f.log().awaitLine("INFO", "message refused: chunk 5 of 3");
    }

    @Test
    void chunkIdZeroIsAnswered0x80Once() throws Exception {
        int id = edge.newRequestId();
        List<byte[]> c = chunks(id);
        expectOneAnswer(id, List.of(withShort(c.get(0), HeaderAccess.OFFSET_CHUNK_ID, 0), c.get(1), c.get(2)),
                StatusCode.BAD_REQUEST, "malformed");
    }

    @Test
    void aHugeChunkCountIsAnswered0x8DAtTheFirstChunk() throws Exception {
        int id = edge.newRequestId();
        List<byte[]> c = chunks(id);
        Response r = expectOneAnswer(id, List.of(withShort(c.get(0), HeaderAccess.OFFSET_CHUNK_COUNT, 0xFFFF),
                withShort(c.get(1), HeaderAccess.OFFSET_CHUNK_COUNT, 0xFFFF)), StatusCode.ENTITY_TOO_LARGE, "too_large");
        assertThat(r.reason()).contains("65535 chunks of 8192 bytes exceed the limit of " + HostileFixture.MAX_MESSAGE);
    }

    @Test
    void chunksThatDisagreeOnTheCountAreAnswered0x80Once() throws Exception {
        int id = edge.newRequestId();
        List<byte[]> c = chunks(id);
        Response r = expectOneAnswer(id, List.of(c.get(0), withShort(c.get(1), HeaderAccess.OFFSET_CHUNK_COUNT, 4),
                c.get(2)), StatusCode.BAD_REQUEST, "malformed");
        assertThat(r.reason()).contains("earlier chunks said 3x8192");
    }

    @Test
    void aChunkLargerThanItsDeclaredSizeIsAnswered0x80Once() throws Exception {
        int id = edge.newRequestId();
        List<byte[]> c = chunks(id);
        Response r = expectOneAnswer(id, List.of(withShort(c.get(0), HeaderAccess.OFFSET_CHUNK_SIZE, 100), c.get(1),
                c.get(2)), StatusCode.BAD_REQUEST, "malformed");
        assertThat(r.reason()).contains("exceeds its declared chunk size 100");
    }

    @Test
    void aChunkWithNoCompleteChunkHeaderIsAnswered0x80() throws Exception {
        int id = edge.newRequestId();
        byte[] cut = Arrays.copyOf(chunks(id).get(0), Header.SIZE + 3);
        Response r = expectOneAnswer(id, List.of(cut), StatusCode.BAD_REQUEST, "malformed");
        assertThat(r.reason()).contains("no complete chunk header");
    }

    @Test
    void aDuplicateChunkReplacesTheFirstAndTheMessageIsAnsweredOnce() throws Exception {
        int id = edge.newRequestId();
        List<byte[]> c = chunks(id);
        for (byte[] chunk : List.of(c.get(0), c.get(0), c.get(1), c.get(2))) {
            edge.sendBytes(chunk);
        }
        assertThat(edge.answerTo(id).status()).isEqualTo(StatusCode.SUCCESS);
    }

    @Test
    void aMessageNeverCompletedExpiresWithoutAnAnswerAndIsCounted() throws Exception {
        double before = f.refusals("expired_partial");
        int id = edge.newRequestId();
        List<byte[]> c = chunks(id);
        edge.sendBytes(c.get(0));
        edge.sendBytes(c.get(1));
        HostileFixture.await("expired", () -> f.refusals("expired_partial") == before + 1);
        f.log().awaitLine("DEBUG", "1 incomplete multipart messages dropped after " + HostileFixture.MULTIPART_TIMEOUT.toMillis());
        // Its last chunk, late, starts a new partial message that expires in turn: still no answer.
        edge.sendBytes(c.get(2));
        HostileFixture.await("expired again", () -> f.refusals("expired_partial") == before + 2);
        assertThat(edge.raw.frames().stream().map(fr -> ByteBuffer.wrap(fr.payload()))
                .filter(b -> b.remaining() >= Header.SIZE && HeaderAccess.requestId(b) == id)).isEmpty();
    }

    @Test
    void morePartialMessagesThanAllowedAreAnswered0xA3() throws Exception {
        int[] ids = {edge.newRequestId(), edge.newRequestId(), edge.newRequestId()};
        List<List<byte[]>> messages = Arrays.stream(ids).mapToObj(HostileMultipartTest::chunks).toList();
        for (int i = 0; i < HostileFixture.MAX_PARTIALS; i++) {
            edge.sendBytes(messages.get(i).get(0));
        }
        Response r = expectOneAnswer(ids[2], List.of(messages.get(2).get(0)), StatusCode.SERVICE_UNAVAILABLE, "overloaded");
        assertThat(r.reason()).contains("more than " + HostileFixture.MAX_PARTIALS + " incomplete multipart messages");
        // The two partial messages still complete.
        for (int i = 0; i < HostileFixture.MAX_PARTIALS; i++) {
            edge.sendBytes(messages.get(i).get(1));
            edge.sendBytes(messages.get(i).get(2));
            assertThat(edge.answerTo(ids[i]).status()).isEqualTo(StatusCode.SUCCESS);
        }
    }
}

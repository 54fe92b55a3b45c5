package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * What the platform puts on the wire, seen by an edge that speaks WebSocket by hand: the 101's
 * headers, nothing before AUTH, and no frame larger than the edge's Max-Frame-Size, with and
 * without permessage-deflate.
 */
class WireTest {
    static final String KEY = "wire-key";
    static final String THING = "Big1";

    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING).build();
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    private RawEdge connectAndBind(int maxFrameSize, boolean deflate) {
        RawEdge edge = RawEdge.connect("127.0.0.1", platform.port(), maxFrameSize, deflate);
        edge.send(Auth.of(1, List.of(Claim.appKey(KEY))));
        Response auth = (Response) edge.receive();
        assertThat(auth.status()).isEqualTo(StatusCode.SUCCESS);
        int session = auth.header().sessionId();
        edge.send(new Bind(Header.of(MethodCode.BIND.code(), 2, 0, session), null, List.of(THING)));
        assertThat(((Response) edge.receive()).status()).isEqualTo(StatusCode.SUCCESS);
        Request notify = (Request) edge.receive();
        assertThat(notify.characteristicName()).isEqualTo("NotifyPropertyUpdate");
        edge.send(new Response(notify.header().responseWith(StatusCode.SUCCESS), null, null));
        return edge;
    }

    @Test
    void the101CarriesExactlyWebsocketAndUpgradeAndNothingComesBeforeAuth() {
        try (RawEdge edge = RawEdge.connect("127.0.0.1", platform.port(), 8192, false)) {
            assertThat(edge.responseHead()).startsWith("HTTP/1.1 101 ");
            assertThat(edge.responseHeader("Upgrade")).isEqualTo("websocket");
            assertThat(edge.responseHeader("Connection")).isEqualTo("Upgrade");
            assertThat(edge.responseHeader("Sec-WebSocket-Accept")).isNotBlank();
            assertThat(edge.responseHeader("Sec-WebSocket-Extensions")).isNull();
            assertThat(edge.responseHead().length()).isLessThan(8192);
            edge.send(Auth.of(7, List.of(Claim.appKey(KEY))));
            // The first frame after the 101 is the answer to AUTH: nothing was sent before it.
            Message first = edge.receive();
            assertThat(first).isInstanceOf(Response.class);
            assertThat(first.header().requestId()).isEqualTo(7);
            assertThat(edge.frames()).hasSize(1);
        }
    }

    @Test
    void deflateIsAcceptedWhenOffered() {
        try (RawEdge edge = RawEdge.connect("127.0.0.1", platform.port(), 8192, true)) {
            assertThat(edge.responseHeader("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate");
            assertThat(edge.responseHeader("Upgrade")).isEqualTo("websocket");
        }
    }

    @ParameterizedTest(name = "Max-Frame-Size {0}, deflate {1}")
    @CsvSource({"8192, false", "8192, true", "4096, false"})
    void aLargeValueGoesInChunksNoLargerThanTheEdgesFrameSize(int maxFrameSize, boolean deflate) throws Exception {
        byte[] random = new byte[150 * 1024];
        new Random(42).nextBytes(random);
        // 200 KB of text that does not compress well: base64 of random bytes.
        String value = java.util.Base64.getEncoder().encodeToString(random);
        assertThat(value.length()).isGreaterThan(200_000);
        try (RawEdge edge = connectAndBind(maxFrameSize, deflate)) {
            int framesBefore = edge.frames().size();
            var write = platform.writeProperty(THING, "Message", Primitive.string(value));
            Request put = (Request) edge.receive();
            assertThat(put.method()).isEqualTo(MethodCode.PUT);
            assertThat(put.params()).isEqualTo(InfoTable.single("Message", Primitive.string(value)));
            List<RawEdge.Frame> frames = edge.frames().subList(framesBefore, edge.frames().size());
            assertThat(frames.size()).isGreaterThan(200_000 / maxFrameSize);
            assertThat(frames).allSatisfy(f -> {
                assertThat(f.length()).isLessThanOrEqualTo(maxFrameSize);
                assertThat(f.lengthForm()).isNotEqualTo(64);
                assertThat(f.fin()).isTrue();
                assertThat(f.rsv1()).isEqualTo(deflate);
            });
            edge.send(new Response(put.header().responseWith(StatusCode.SUCCESS), null, null));
            write.get(5, TimeUnit.SECONDS);
            assertThat(platform.counters().chunksOut()).isEqualTo(frames.size());
        }
    }

    @Test
    void theScriptedEdgeSeesTheSameChunks() throws Exception {
        String value = "x".repeat(200 * 1024);
        try (ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING)) {
            var write = platform.writeProperty(THING, "Message", Primitive.string(value));
            Request put = edge.nextRequest();
            assertThat(put.params().first("Message")).contains(Primitive.string(value));
            assertThat(edge.received()).filteredOn(ScriptedEdge.Received::chunk).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.bytes()).isLessThanOrEqualTo(8192));
            edge.answer(put, StatusCode.SUCCESS, null);
            write.get(5, TimeUnit.SECONDS);
        }
    }
}

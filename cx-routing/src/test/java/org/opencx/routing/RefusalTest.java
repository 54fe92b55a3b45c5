package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.KeepAlive;
import org.opencx.alwayson.ProtocolException;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.RelayCounters.Refusal;

/** Malformed, oversized and unsupported input: answered when it was a request, else dropped; always counted. */
class RefusalTest {
    private final Script script = new Script();
    private final FakePipe pipe = script.pipes.get(0);
    private final EdgeSession s = script.authenticated();
    private final int edgeBefore = Script.edge(s).count();
    private final int pipeBefore = pipe.count();

    private static ByteBuffer headerOnly(int code) {
        return ByteBuffer.wrap(Arrays.copyOf(Script.get(1, "Pump").array(), Header.SIZE)).put(1, (byte) code);
    }

    private long refusals(Refusal r) {
        return script.router.counters().refusals(r);
    }

    private void nothingSent() {
        assertThat(Script.edge(s).count()).isEqualTo(edgeBefore);
        assertThat(pipe.count()).isEqualTo(pipeBefore);
    }

    @Test
    void anOversizedRequestGetsEntityTooLargeAndIsCounted() {
        ByteBuffer header = Script.post(12, "Pump").limit(Header.SIZE);
        script.router.onEdgeRefused(s, header, ProtocolException.tooLarge(0, "message of 2000000 bytes exceeds the limit"));

        Response r = Script.edge(s).lastResponse();
        assertThat(r.status()).isEqualTo(StatusCode.ENTITY_TOO_LARGE);
        assertThat(r.header().requestId()).isEqualTo(12);
        assertThat(r.reason()).contains("exceeds the limit");
        assertThat(pipe.count()).isEqualTo(pipeBefore);
        assertThat(refusals(Refusal.TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void aRefusedResponseOrHeaderlessMessageIsCountedButNotAnswered() {
        script.router.onEdgeRefused(s, headerOnly(0x40), ProtocolException.tooLarge(0, "too large"));
        script.router.onEdgeRefused(s, ByteBuffer.allocate(0), ProtocolException.malformed(0, "bad chunk"));

        nothingSent();
        assertThat(refusals(Refusal.TOO_LARGE)).isEqualTo(1);
        assertThat(refusals(Refusal.MALFORMED)).isEqualTo(1);
    }

    @Test
    void aMalformedBindBodyGetsBadRequest() {
        script.send(s, Script.truncated(Script.bind(4, "Pump", "Valve"), 3));

        Response r = Script.edge(s).lastResponse();
        assertThat(r.status()).isEqualTo(StatusCode.BAD_REQUEST);
        assertThat(r.header().requestId()).isEqualTo(4);
        assertThat(r.reason()).isNotBlank();
        assertThat(pipe.count()).isEqualTo(pipeBefore);
        assertThat(script.router.boundThingCount()).isZero();
        assertThat(refusals(Refusal.MALFORMED)).isEqualTo(1);
    }

    @Test
    void aMalformedAuthGetsBadRequestAndChangesNothing() {
        EdgeSession fresh = script.connect();
        script.send(fresh, Script.truncated(Script.auth(1, Script.KEY), 4));

        assertThat(Script.edge(fresh).lastResponse().status()).isEqualTo(StatusCode.BAD_REQUEST);
        assertThat(fresh.state()).isEqualTo(SessionState.CONNECTED);
        assertThat(pipe.count()).isEqualTo(pipeBefore);
    }

    @Test
    void aMessageShorterThanAHeaderIsDroppedAndCounted() {
        script.send(s, ByteBuffer.wrap(new byte[Header.SIZE - 1]));
        nothingSent();
        assertThat(refusals(Refusal.MALFORMED)).isEqualTo(1);
    }

    @Test
    void unsupportedCodesAreDroppedAndCounted() {
        script.send(s, headerOnly(0x05));
        script.send(s, headerOnly(0x3F));
        nothingSent();
        assertThat(refusals(Refusal.MALFORMED)).isEqualTo(2);
    }

    @Test
    void keepAliveIsIgnored() {
        script.send(s, Script.encode(new KeepAlive(Header.of(0x1F, 0, 0, 0))));
        nothingSent();
        assertThat(Refusal.values()).allSatisfy(r -> assertThat(refusals(r)).isZero());
    }

    @Test
    void aMalformedPlatformRequestGetsBadRequestOnThePipe() {
        ByteBuffer request = Script.get(77, s.endpointId(), s.platformSessionId(), "Pump").limit(Header.SIZE + 1);
        script.router.onPipeMessage(pipe, request);

        Response r = (Response) pipe.last();
        assertThat(r.header()).isEqualTo(Header.of(0x80, 77, s.endpointId(), s.platformSessionId()));
        assertThat(r.reason()).isNotBlank();
        assertThat(refusals(Refusal.MALFORMED)).isEqualTo(1);
    }

    @Test
    void shortOrUnexpectedPlatformMessagesAreDropped() {
        script.router.onPipeMessage(pipe, ByteBuffer.wrap(new byte[3]));
        script.router.onPipeMessage(pipe, Script.auth(5, "whatever"));
        nothingSent();
        assertThat(refusals(Refusal.MALFORMED)).isEqualTo(1);
    }
}

package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/** Every message of every C SDK 2.2.1 capture decodes, and re-encodes to its own bytes. */
class TranscriptVectorsTest {
    private final MessageDecoder decoder = MessageDecoder.withDefaults();
    private final MessageEncoder encoder = MessageEncoder.withDefaults();

    @TestFactory
    Stream<DynamicTest> everyCompleteMessageDecodesAndReencodes() {
        List<String> scenarios = Vectors.csdkScenarios();
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(9);
        return scenarios.stream()
                .flatMap(scenario -> Vectors.transcript(scenario).entries().stream()
                        .filter(e -> !e.chunk())
                        .map(e -> DynamicTest.dynamicTest(scenario + " " + e, () -> roundTrip(e))));
    }

    @Test
    void everyScenarioHasItsFourFiles() {
        assertThat(Vectors.csdkScenarios()).containsExactly("01-basic", "03-deflate", "04-auth-rejected",
                "05-gateway-ping", "06-no-pong", "08-multipart", "10-server-multipart", "11-server-oversized-frame",
                "12-gps-empty");
        for (String scenario : Vectors.csdkScenarios()) {
            assertThat(Vectors.handshakeRequest(scenario)).as(scenario).startsWith("GET ").endsWith("\r\n\r\n");
            assertThat(Vectors.handshakeResponse(scenario)).as(scenario).startsWith("HTTP/1.1 101 ").endsWith("\r\n\r\n");
            assertThat(Vectors.transcript(scenario).entries()).as(scenario).isNotEmpty();
            assertThat(Vectors.rawClientToServer(scenario)).as(scenario).isNotEmpty();
        }
    }

    private void roundTrip(Transcript.Entry e) {
        Message m = decoder.decode(e.bytes());
        byte[] again = encoder.encode(m);
        assertThat(again.length).as("re-encoding is no longer than the capture").isLessThanOrEqualTo(e.bytes().length);
        assertThat(again).as("re-encoding equals the capture (or its prefix, for C SDK trailing bytes)")
                .isEqualTo(Arrays.copyOf(e.bytes(), again.length));
        if (again.length < e.bytes().length) {
            assertThat(e.clientToServer()).as("only the C SDK appends trailing bytes").isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> chunksReassembleIntoTheCapturedMessages() {
        return Stream.of("08-multipart", "10-server-multipart").map(scenario -> DynamicTest.dynamicTest(scenario, () -> {
            Transcript t = Vectors.transcript(scenario);
            MultipartAssembler inbound = new MultipartAssembler(MultipartLimits.DEFAULTS, Clock.systemUTC());
            MultipartAssembler outbound = new MultipartAssembler(MultipartLimits.DEFAULTS, Clock.systemUTC());
            int reassembled = 0;
            byte[] last = null;
            for (Transcript.Entry e : t.entries()) {
                if (e.chunk()) {
                    byte[] done = (e.clientToServer() ? inbound : outbound).accept(ByteBuffer.wrap(e.bytes()));
                    if (done != null) {
                        decoder.decode(done);
                        last = done;
                        reassembled++;
                    }
                } else if (e.reassembled()) {
                    assertThat(last).as("a chunk set completed before " + e).isNotNull();
                    assertThat(last).as(e.toString()).isEqualTo(e.bytes());
                    last = null;
                }
            }
            assertThat(reassembled).isGreaterThan(0);
            assertThat(inbound.pending()).isZero();
            assertThat(outbound.pending()).isZero();
        }));
    }
}

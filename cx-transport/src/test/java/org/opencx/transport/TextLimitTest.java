package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text is not part of AlwaysOn, and a text message longer than 1024 bytes closes the socket with
 * 1009, however it arrives. Undertow's own text reader counted only what came before its first wait
 * for data: a long text message sent in parts was buffered whole (found by the Autobahn cases 1.1.8,
 * 9.3.x and 9.5.x); a ping answered between the parts proves the server waited.
 */
class TextLimitTest {
    private static final byte[] PART = "t".repeat(600).getBytes(StandardCharsets.US_ASCII);
    private static final int TEXT_FIRST_FRAGMENT = 0x01;
    private static final int LAST_CONTINUATION = 0x80;
    private static RelayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = RelayFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aLongTextMessageInPartsClosesTheSocketWith1009() {
        EdgeWire edge = f.wire();
        edge.raw.sendFrame(TEXT_FIRST_FRAGMENT, PART);
        assertThat(edge.raw.ping(new byte[] {1, 2})).as("the server read the first part and waits").containsExactly(1, 2);
        edge.raw.sendFrame(LAST_CONTINUATION, PART);
        assertThat(edge.raw.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aShortTextMessageInPartsIsIgnoredAndTheSocketLivesOn() {
        EdgeWire edge = f.wire();
        edge.raw.sendFrame(TEXT_FIRST_FRAGMENT, "hello ".getBytes(StandardCharsets.US_ASCII));
        assertThat(edge.raw.ping(new byte[] {3})).containsExactly(3);
        edge.raw.sendFrame(LAST_CONTINUATION, "world".getBytes(StandardCharsets.US_ASCII));
        assertThat(edge.raw.ping(new byte[] {4})).containsExactly(4);
        edge.assertSilent();
    }
}

package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.MessageEncoder;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * A fragmented message may end with an empty final frame (RFC 6455 allows empty fragments): it is
 * complete, not over the limit. Undertow closes the message's channel before it marks it final
 * when the final frame is empty, which the frame-size guard took for a message cut off by its
 * limit and closed with 1009 (found by the Autobahn cases 6.1.2, 6.1.3, 6.2.3 and 6.2.4).
 */
class EmptyFinalFrameTest {
    private static final int BINARY_FIRST_FRAGMENT = 0x02;
    private static final int TEXT_FIRST_FRAGMENT = 0x01;
    private static final int CONTINUATION = 0x00;
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
    void anAuthWhoseFinalFrameIsEmptyIsAnswered() {
        EdgeWire edge = f.wire();
        byte[] auth = MessageEncoder.withDefaults().encode(Auth.of(5, List.of(Claim.appKey(RelayFixture.DEVICE_KEY))));
        edge.raw.sendFrame(BINARY_FIRST_FRAGMENT, Arrays.copyOf(auth, 10));
        edge.raw.sendFrame(CONTINUATION, Arrays.copyOfRange(auth, 10, auth.length));
        edge.raw.sendFrame(LAST_CONTINUATION, new byte[0]);

        Response answer = (Response) edge.raw.receive();
        assertThat(answer.header().requestId()).isEqualTo(5);
        assertThat(answer.status()).isEqualTo(StatusCode.SUCCESS);
    }

    @Test
    void aTextMessageOfEmptyFramesIsIgnoredAndTheSocketLivesOn() {
        EdgeWire edge = f.wire();
        edge.raw.sendFrame(TEXT_FIRST_FRAGMENT, new byte[0]);
        edge.raw.sendFrame(CONTINUATION, "x".getBytes(StandardCharsets.US_ASCII));
        edge.raw.sendFrame(LAST_CONTINUATION, new byte[0]);
        assertThat(edge.raw.ping(new byte[] {7})).containsExactly(7);
        edge.assertSilent();
    }
}

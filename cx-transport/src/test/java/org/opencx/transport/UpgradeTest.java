package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.RoutingSettings;

/**
 * The CS's 101 to the C SDK's exact upgrade request (from the captures): the header values the SDK
 * compares whole, the accept key, permessage-deflate as offered, and nothing sent before AUTH.
 */
class UpgradeTest {
    private static final Pattern KEY = Pattern.compile("(?m)^Sec-WebSocket-Key: ([^\r\n]+)");
    private static RelayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = RelayFixture.start(p -> p.appKey(Captures.appKey(Captures.BASIC)).appKey(Captures.appKey(Captures.DEFLATE)), 1, e -> e,
                RoutingSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Captures.BASIC, Captures.DEFLATE})
    void theAnswerToTheSdksRequestIsWhatTheSdkAccepts(String scenario) {
        String request = Captures.upgradeRequest(scenario, EdgeWire.HOST);
        boolean deflateOffered = request.contains("Sec-WebSocket-Extensions: permessage-deflate\r\n");
        try (EdgeWire edge = EdgeWire.connect(f.relay, request)) {
            String head = edge.raw.responseHead();
            List<String> lines = Captures.headerLines(head);
            assertThat(head).startsWith("HTTP/1.1 101 ");
            // The SDK compares these values whole (ignoring case) and trims no trailing space.
            assertThat(lines).filteredOn(l -> l.regionMatches(true, 0, "Upgrade:", 0, 8)).containsExactly("Upgrade: websocket");
            assertThat(lines).filteredOn(l -> l.regionMatches(true, 0, "Connection:", 0, 11)).containsExactly("Connection: Upgrade");
            assertThat(edge.raw.responseHeader("Sec-WebSocket-Location")).isNull();
            assertThat(edge.raw.responseHeader("Sec-WebSocket-Accept")).isEqualTo(acceptFor(request));
            if (deflateOffered) {
                // A bare offer gets a bare answer: no client_no_context_takeover (it would turn the SDK's compression off).
                assertThat(edge.raw.responseHeader("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate");
            } else {
                assertThat(edge.raw.responseHeader("Sec-WebSocket-Extensions")).isNull();
            }
            // Same key as in the capture: every header line of the 101 the SDK accepted is in ours.
            assertThat(lines).containsAll(Captures.acceptedResponseHeaders(scenario));
            assertThat(head.length()).isLessThan(8192);

            // Nothing follows the head until the edge speaks (the SDK discards what comes with the head).
            edge.assertSilent();
            assertThat(edge.raw.frames()).isEmpty();

            // The captured AUTH frame, as the SDK sent it: the first frame back is its answer.
            Captures.ClientMessage auth = Captures.clientMessages(scenario).get(0);
            edge.raw.sendRaw(auth.wire());
            Message answer = edge.raw.receive();
            assertThat(answer).isInstanceOf(Response.class);
            assertThat(((Response) answer).status()).isEqualTo(StatusCode.SUCCESS);
            assertThat(answer.header().requestId()).isEqualTo(HeaderAccess.requestId(ByteBuffer.wrap(auth.content())));
            assertThat(edge.raw.frames()).hasSize(1).allSatisfy(fr -> assertThat(fr.rsv1()).isEqualTo(deflateOffered));
        }
    }

    /** RFC 6455 4.2.2: base64(SHA-1(key + GUID)). */
    private static String acceptFor(String request) {
        Matcher m = KEY.matcher(request);
        assertThat(m.find()).as("the capture's request has a Sec-WebSocket-Key").isTrue();
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((m.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

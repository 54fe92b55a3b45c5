package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.HeaderAccess;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;

/**
 * Bytes that are no AlwaysOn message, or a broken one, on the AlwaysOn path (docs/reliability.md):
 * no usable header closes the socket with 1002; a readable header with a request, AUTH or BIND
 * code is answered 0x80 with a reason when the server reads the body and cannot; what the server
 * only relays (a request's parameters) is the platform's to judge, and its answer comes back.
 * Each is logged and counted, and the neighbour device goes on working.
 */
class HostileMessagesTest {
    @RegisterExtension
    static final HostileFixture f = HostileFixture.plain();

    private void expectProtocolClose(byte[] message, String logged) throws Exception {
        double before = f.refusals("protocol_error");
        try (HostileEdge e = f.edge()) {
            e.sendBytes(message);
            assertThat(e.awaitClose()).isEqualTo(1002);
            assertThat(e.closeReason()).startsWith("not an AlwaysOn message");
        }
        HostileFixture.await("counted", () -> f.refusals("protocol_error") == before + 1);
        f.log().awaitLine("INFO", "not an AlwaysOn message (" + logged, "socket closed with 1002");
    }

    /** An authenticated edge sends {@code message}; the answer must be {@code status}, counted under {@code reason}. */
    private Response expectAnswer(byte[] message, StatusCode status, String reason) throws Exception {
        double before = f.refusals(reason);
        try (HostileEdge e = f.edge()) {
            assertThat(e.auth().isSuccess()).isTrue();
            Response r = e.callBytes(message);
            assertThat(r.status()).isEqualTo(status);
            assertThat(f.refusals(reason)).isEqualTo(before + 1);
            assertThat(e.auth().status()).as("the socket goes on").isEqualTo(StatusCode.BAD_REQUEST);
            return r;
        }
    }

    @Test
    void bytesShorterThanAHeaderCloseTheSocketWith1002() throws Exception {
        expectProtocolClose(new byte[] {1, 0x14, 0, 0, 7}, "5 bytes");
    }

    @Test
    void anEmptyBinaryMessageClosesTheSocketWith1002() throws Exception {
        expectProtocolClose(new byte[0], "0 bytes");
    }

    @Test
    void aVersionOtherThanOneClosesTheSocketWith1002() throws Exception {
        byte[] auth = HostileEdge.encode(Auth.of(1, List.of(Claim.appKey(HostileFixture.DEVICE_KEY))));
        auth[HeaderAccess.OFFSET_VERSION] = 2;
        expectProtocolClose(auth, "version 2");
    }

    @Test
    void aRequestWithNoEntityIsAnswered0x80() throws Exception {
        byte[] get = Arrays.copyOf(request(), Header.SIZE);
        Response r = expectAnswer(get, StatusCode.BAD_REQUEST, "malformed");
        assertThat(r.reason()).contains("truncated entity");
        f.log().awaitLine("INFO", "message refused: truncated entity");
    }

    @Test
    void anEntityNameThatClaimsMoreThanTheMessageHoldsIsAnswered0x80() throws Exception {
        byte[] m = request();
        m[Header.SIZE + 1] = 0x7F; // the name's one-byte length: 127, far past the end
        byte[] cut = Arrays.copyOf(m, Header.SIZE + 10);
        Response r = expectAnswer(cut, StatusCode.BAD_REQUEST, "malformed");
        assertThat(r.reason()).contains("entity name claims 127 bytes");
    }

    @Test
    void anAuthWhoseClaimCountClaimsMoreThanItHoldsIsAnswered0x80() throws Exception {
        byte[] auth = HostileEdge.encode(Auth.of(1, List.of(Claim.appKey(HostileFixture.DEVICE_KEY))));
        auth[Header.SIZE] = 3; // three claims promised, one present
        double before = f.refusals("malformed");
        try (HostileEdge e = f.edge()) {
            Response r = e.callBytes(auth);
            assertThat(r.status()).isEqualTo(StatusCode.BAD_REQUEST);
            assertThat(r.reason()).contains("claim");
            assertThat(e.auth().isSuccess()).as("a proper AUTH still works").isTrue();
        }
        assertThat(f.refusals("malformed")).isEqualTo(before + 1);
        f.log().awaitLine("INFO", "message refused");
    }

    @Test
    void aTruncatedAuthIsAnswered0x80() throws Exception {
        byte[] auth = HostileEdge.encode(Auth.of(1, List.of(Claim.appKey(HostileFixture.DEVICE_KEY))));
        double before = f.refusals("malformed");
        try (HostileEdge e = f.edge()) {
            assertThat(e.callBytes(Arrays.copyOf(auth, auth.length - 4)).status()).isEqualTo(StatusCode.BAD_REQUEST);
        }
        assertThat(f.refusals("malformed")).isEqualTo(before + 1);
    }

    @Test
    void aBindWhoseNameCountClaimsMoreThanItHoldsIsAnswered0x80() throws Exception {
        byte[] bind = HostileEdge.encode(HostileEdge.bind("Count-1"));
        bind[Header.SIZE + 1] = (byte) 0xFF; // u16 name count 0xFF01 after the gateway marker
        Response r = expectAnswer(bind, StatusCode.BAD_REQUEST, "malformed");
        assertThat(r.reason()).contains("thing name count");
    }

    @Test
    void aThingNameInInvalidUtf8IsAnswered0x80() throws Exception {
        byte[] bind = HostileEdge.encode(HostileEdge.bind("Bad-ab"));
        int at = indexOf(bind, "ab".getBytes(StandardCharsets.US_ASCII));
        bind[at] = (byte) 0xC3;
        bind[at + 1] = (byte) 0x28; // a two-byte sequence with a bad second byte
        Response r = expectAnswer(bind, StatusCode.BAD_REQUEST, "malformed");
        assertThat(r.reason()).contains("thing name is not valid UTF-8");
        assertThat(f.server.relayCounters().edgeToPlatform()).isPositive();
    }

    @Test
    void anUnknownBaseTypeIsRelayedAndThePlatformAnswers0x8F() throws Exception {
        byte[] m = request("Typed-1");
        int at = indexOf(m, new byte[] {1, 'v', 0, 0}); // field "v", no description, STRING
        m[at + 3] = 0x13; // no such base type
        try (HostileEdge e = f.edge()) {
            e.authAndBind("Typed-1");
            Response r = e.callBytes(m);
            assertThat(r.status()).isEqualTo(StatusCode.UNSUPPORTED_CONTENT_FORMAT);
            assertThat(r.reason()).contains("base type");
        }
    }

    @Test
    void deepVariantNestingIsRelayedAndThePlatformAnswers0x80() throws Exception {
        Primitive deep = Primitive.number(1);
        for (int i = 0; i < 500; i++) {
            deep = new Primitive.Variant(deep);
        }
        expectPlatformRefusal(InfoTable.single("v", deep), "Deep-1");
    }

    @Test
    void deepInfotableNestingIsRelayedAndThePlatformAnswers0x80() throws Exception {
        Primitive deep = Primitive.number(1);
        for (int i = 0; i < 500; i++) {
            deep = new Primitive.Table(InfoTable.single("t", deep));
        }
        expectPlatformRefusal(InfoTable.single("v", deep), "Deep-2");
    }

    private void expectPlatformRefusal(InfoTable params, String thing) throws Exception {
        long relayed = f.server.relayCounters().edgeToPlatform();
        try (HostileEdge e = f.edge()) {
            e.authAndBind(thing);
            Request deep = Request.of(MethodCode.POST, 0, thing, Characteristic.EVENTS, "Deep", params);
            Response r = e.call(deep);
            assertThat(r.status()).isEqualTo(StatusCode.BAD_REQUEST);
            assertThat(r.reason()).contains("nest");
        }
        assertThat(f.server.relayCounters().edgeToPlatform() - relayed).as("AUTH, BIND and the request").isEqualTo(3);
    }

    @Test
    void aResponseToNoRequestIsDroppedAndCounted() throws Exception {
        double before = f.refusals("unmatched_response");
        try (HostileEdge e = f.edge()) {
            assertThat(e.auth().isSuccess()).isTrue();
            e.sendBytes(HostileEdge.encode(new Response(Header.of(StatusCode.SUCCESS.code(), 424242, 0, e.sessionId()),
                    null, null)));
            assertThat(e.auth().status()).as("the next answer is to the next request").isEqualTo(StatusCode.BAD_REQUEST);
        }
        assertThat(f.refusals("unmatched_response")).isEqualTo(before + 1);
        f.log().awaitLine("DEBUG", "response to unknown request 424242, dropped");
    }

    @Test
    void aRequestForAThingNeverBoundIsRelayedAndThePlatformJudgesIt() throws Exception {
        long relayed = f.server.relayCounters().edgeToPlatform();
        try (HostileEdge e = f.edge()) {
            e.authAndBind("Mine-1");
            Response r = e.callBytes(request("NotMine-1"));
            assertThat(r.status()).as("the reference platform's answer").isEqualTo(StatusCode.NOT_FOUND);
            assertThat(r.reason()).contains("NotMine-1");
        }
        assertThat(f.server.relayCounters().edgeToPlatform() - relayed).isEqualTo(3);
    }

    /** An event POST with one STRING parameter "v", as bytes. */
    private static byte[] request(String thing) {
        return HostileEdge.encode(Request.of(MethodCode.POST, 0, thing, Characteristic.EVENTS, "Ev",
                InfoTable.single("v", Primitive.string("x"))));
    }

    private static byte[] request() {
        return request("Thing1");
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}

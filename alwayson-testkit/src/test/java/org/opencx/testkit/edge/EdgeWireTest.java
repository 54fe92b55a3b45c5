package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import io.undertow.websockets.core.CloseMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;

/**
 * What the client puts on the wire, seen by a {@link ScriptedPlatform}: the C SDK's upgrade headers,
 * the session id on every message, its answers to requests the ReferencePlatform never sends, and
 * responses matched on whichever socket they arrive.
 */
class EdgeWireTest {
    static final String THING = "Probe1";
    static final String OTHER = "Probe2";

    private ScriptedPlatform platform;
    private EdgeClient device;

    @BeforeEach
    void start() {
        platform = ScriptedPlatform.start(true);
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.abort();
        }
        platform.close();
    }

    /** Connects the client; its sockets are then the platform's next peers. */
    private void connect(EdgeClient.Builder builder) {
        device = builder.build();
        device.thing(THING).property("Level", 3);
        connected(device);
    }

    /** A platform request with this id, as the platform would send it on the peer's session. */
    private static Request request(ScriptedPlatform.Peer peer, int id, MethodCode method, String thing,
                                   Characteristic c, String name, InfoTable params) {
        return Request.of(method, id, thing, c, name, params)
                .withHeader(Header.of(method.code(), id, 0, peer.sessionId()));
    }

    @Test
    void theUpgradeCarriesTheSdkHeadersAndEveryMessageTheSession() {
        connect(client(platform.wsUri(), THING, OTHER));
        ScriptedPlatform.Peer peer = platform.nextPeer();
        assertThat(peer.upgradeHeaders.get("User-Agent")).containsExactly("ThingWorx C SDK");
        assertThat(peer.upgradeHeaders.get("Max-Frame-Size")).containsExactly("8192");
        assertThat(peer.upgradeHeaders.get("appKey")).containsExactly(EdgeFixtures.KEY);
        assertThat(peer.upgradeHeaders.get("Host")).as("host name only, no port").containsExactly("127.0.0.1");
        assertThat(peer.upgradeHeaders).doesNotContainKeys("Origin", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions");

        Auth auth = (Auth) platform.next(Auth.class).message();
        assertThat(auth.header().sessionId()).isEqualTo(Header.NO_SESSION);
        assertThat(auth.claims()).containsExactly(Claim.appKey(EdgeFixtures.KEY));
        Bind bind = (Bind) platform.next(Bind.class).message();
        assertThat(bind.thingNames()).containsExactly(THING, OTHER);
        assertThat(bind.header().sessionId()).isEqualTo(peer.sessionId());

        CompletableFuture<Response> push = device.pushProperty(THING, "Level", 4);
        Request q = (Request) platform.next(Request.class).message();
        assertThat(q.header().sessionId()).isEqualTo(peer.sessionId());
        assertThat(q.characteristicName()).isEqualTo("UpdateSubscribedPropertyValues");
        peer.send(new Response(q.header().responseWith(StatusCode.SUCCESS).withSessionId(peer.sessionId()), null, null));
        assertThat(get(push).isSuccess()).isTrue();
    }

    @Test
    void unknownThingsAndPlatformOnlyMessagesAreRefused() {
        connect(client(platform.wsUri(), THING));
        ScriptedPlatform.Peer peer = platform.nextPeer();
        peer.send(request(peer, 71, MethodCode.GET, "NotMine", Characteristic.PROPERTIES, "Level", null));
        Response unknown = (Response) platform.next(Response.class).message();
        assertThat(unknown.header().requestId()).isEqualTo(71);
        assertThat(unknown.status()).isEqualTo(StatusCode.NOT_FOUND);
        assertThat(unknown.header().sessionId()).isEqualTo(peer.sessionId());

        peer.send(Auth.of(72, List.of(Claim.appKey("x"))));
        Response auth = (Response) platform.next(Response.class).message();
        assertThat(auth.header().requestId()).isEqualTo(72);
        assertThat(auth.status()).isEqualTo(StatusCode.BAD_REQUEST);

        // A PUT without params gets no answer from the C SDK; the next request's answer comes first.
        peer.send(request(peer, 73, MethodCode.PUT, THING, Characteristic.PROPERTIES, "Level", null));
        peer.send(request(peer, 74, MethodCode.GET, THING, Characteristic.PROPERTIES, "Level", null));
        Response read = (Response) platform.next(Response.class).message();
        assertThat(read.header().requestId()).isEqualTo(74);
        assertThat(read.content().first("Level")).contains(Primitive.integer(3));
    }

    @Test
    void aResponseIsAcceptedOnAnotherSocketOfTheClient() {
        connect(client(platform.wsUri(), THING).sockets(2));
        ScriptedPlatform.Peer first = platform.nextPeer();
        ScriptedPlatform.Peer second = platform.nextPeer();
        CompletableFuture<InfoTable> call = device.invokeService(THING, "Lookup", null);
        ScriptedPlatform.Received in = platform.next(Request.class);
        ScriptedPlatform.Peer other = in.peer() == first ? second : first;
        Request q = (Request) in.message();
        other.send(new Response(q.header().responseWith(StatusCode.SUCCESS).withSessionId(other.sessionId()), null,
                InfoTable.single("found", Primitive.bool(true))));
        assertThat(get(call).first("found")).contains(Primitive.bool(true));
    }

    @Test
    void answerOnAnySocketSpreadsTheAnswersWithEachSocketsSession() {
        connect(client(platform.wsUri(), THING).sockets(2).answerOnAnySocket(true));
        ScriptedPlatform.Peer first = platform.nextPeer();
        ScriptedPlatform.Peer second = platform.nextPeer();
        // The primary socket is the one that bound the thing: the platform's requests go there.
        ScriptedPlatform.Peer primary = platform.next(Bind.class).peer();
        ScriptedPlatform.Peer secondary = primary == first ? second : first;
        Set<ScriptedPlatform.Peer> answeredOn = new HashSet<>();
        for (int id = 1; id <= 4; id++) {
            primary.send(request(primary, id, MethodCode.GET, THING, Characteristic.PROPERTIES, "Level", null));
            ScriptedPlatform.Received r = platform.next(Response.class);
            Response answer = (Response) r.message();
            assertThat(answer.header().requestId()).isEqualTo(id);
            assertThat(answer.header().sessionId()).isEqualTo(r.peer().sessionId());
            assertThat(answer.content().first("Level")).contains(Primitive.integer(3));
            answeredOn.add(r.peer());
        }
        assertThat(answeredOn).containsExactlyInAnyOrder(primary, secondary);
    }

    @Test
    void disconnectUnbindsEveryThingInOneMessageThenSendsTheSdkCloseFrame() {
        connect(client(platform.wsUri(), THING, OTHER));
        ScriptedPlatform.Peer peer = platform.nextPeer();
        get(device.disconnect());
        Unbind unbind = (Unbind) platform.next(Unbind.class).message();
        assertThat(unbind.thingNames()).containsExactly(THING, OTHER);
        assertThat(unbind.header().sessionId()).isEqualTo(peer.sessionId());
        CloseMessage close = get(peer.closed);
        assertThat(close.getCode()).isEqualTo(1000);
        assertThat(close.getReason()).isEqualTo("Normal Close Shutting down");
    }
}

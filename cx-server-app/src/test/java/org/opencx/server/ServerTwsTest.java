package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Primitive;
import org.opencx.routing.RelayCounters;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;
import org.opencx.tunnel.WireClient;

/**
 * Remote Access Clients' AlwaysOn sockets on {@code /Thingworx/TWS} through a real Connection
 * Server, TLS on both sides: a nonce key each (asked over REST through the server), two sessions
 * at once, each read by the platform; a nonce used once is refused through the server, on TWS and
 * on a tunnel socket.
 */
class ServerTwsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String nonce(ServerTunnelFixture f) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().sslContext(f.clientTls()).build().send(
                HttpRequest.newBuilder(URI.create(f.http() + "/Thingworx/NonceKeys"))
                        .header("appKey", ServerTunnelFixture.KEY).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("nonceKey").asText();
    }

    private static EdgeClient twsClient(ServerTunnelFixture f, String nonce, String thing, double level) {
        EdgeClient c = EdgeClient.builder(URI.create(f.ws() + "/Thingworx/TWS")).appKey(nonce).thing(thing)
                .sslContext(f.clientTls()).reconnect(false).tunnels(false).requestTimeout(Duration.ofSeconds(10)).build();
        c.thing(thing).property("Level", level);
        return c;
    }

    @Test
    void twoTwsSessionsAtOnceAndAReusedNonceIsRefused() throws Exception {
        List<EdgeClient> clients = new ArrayList<>();
        try (ServerTunnelFixture f = ServerTunnelFixture.tls()) {
            String first = nonce(f);
            clients.add(twsClient(f, first, "Rac1", 1.5));
            clients.add(twsClient(f, nonce(f), "Rac2", 2.5));
            for (EdgeClient c : clients) {
                c.connect().get(ServerTunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(f.server.remoteAccess().openTwsSockets()).isEqualTo(2);
            assertThat(f.platform.readProperty("Rac1", "Level").get(10, TimeUnit.SECONDS)).isEqualTo(Primitive.number(1.5));
            assertThat(f.platform.readProperty("Rac2", "Level").get(10, TimeUnit.SECONDS)).isEqualTo(Primitive.number(2.5));
            assertThat(f.server.relayCounters().messages(RelayCounters.Direction.EDGE_TO_PLATFORM,
                    RelayCounters.MessageKind.AUTH)).as("the relay saw the device's AUTH only").isOne();

            EdgeClient again = twsClient(f, first, "Rac3", 3.5);
            clients.add(again);
            assertThatThrownBy(() -> again.connect().get(ServerTunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(f.platform.thing("Rac3").map(t -> t.connected()).orElse(false)).isFalse();

            String tid = f.platform.startTunnel(ServerTunnelFixture.THING, "127.0.0.1", f.echo.port()).get();
            String once = nonce(f);
            WireClient.Answer used = WireClient.upgrade(f.clientTls().getSocketFactory(), f.server.edgePort(),
                    "/Thingworx/WSTunnelClient/" + tid, Map.of("appKey", once));
            assertThat(used.status()).isEqualTo(101);
            used.peer().close();
            WireClient.Answer reused = WireClient.upgrade(f.clientTls().getSocketFactory(), f.server.edgePort(),
                    "/Thingworx/WSTunnelClient/" + tid, Map.of("appKey", once));
            assertThat(reused.status()).isEqualTo(401);
            assertThat(f.server.remoteAccess().counters().refusals(Kind.TUNNEL, Reason.PLATFORM_REFUSED)).isOne();
        } finally {
            clients.forEach(EdgeClient::abort);
        }
    }
}

package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.HttpClientSettings;
import org.opencx.testkit.platform.RawEdge;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;
import org.opencx.tunnel.WireClient;

/**
 * What a remote user gets from a real Connection Server when the real platform behind it is down
 * (502, for a REST call and for a tunnel socket) or does not answer in time (504).
 */
class ServerPlatformFailureTest {
    private static final HttpClientSettings FAST = HttpClientSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    private static HttpResponse<String> get(ServerTunnelFixture f, String path) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create(f.http() + path)).header("appKey", ServerTunnelFixture.KEY).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPlatformThatIsDownGives502ForRestAndTunnels() throws Exception {
        try (ServerTunnelFixture f = ServerTunnelFixture.plain(s -> s.withHttpClient(FAST))) {
            String tid = f.platform.startTunnel(ServerTunnelFixture.THING, "127.0.0.1", f.echo.port()).get();
            f.platform.stop();

            HttpResponse<String> rest = get(f, "/Thingworx/Things/" + ServerTunnelFixture.THING);
            assertThat(rest.statusCode()).isEqualTo(502);
            WireClient.Answer socket = WireClient.upgrade(f.server.edgePort(), "/Thingworx/WSTunnelClient/" + tid,
                    Map.of("appKey", ServerTunnelFixture.KEY));
            assertThat(socket.status()).isEqualTo(502);
            assertThat(f.server.remoteAccess().counters().refusals(Kind.HTTP, Reason.PLATFORM_UNREACHABLE)).isOne();
            assertThat(f.server.remoteAccess().counters().refusals(Kind.TUNNEL, Reason.PLATFORM_UNREACHABLE)).isPositive();
        }
    }

    /** A live read of a device that never answers: the platform waits (20 s), the server's request timeout (1 s) does not. */
    @Test
    void aPlatformThatDoesNotAnswerInTimeGives504() throws Exception {
        try (ServerTunnelFixture f = ServerTunnelFixture.plain(p -> p.requestTimeout(Duration.ofSeconds(20)),
                s -> s.withHttpClient(FAST));
             RawEdge silent = RawEdge.connect("127.0.0.1", f.server.edgePort(), 8192, false)) {
            silent.send(Auth.of(1, List.of(Claim.appKey(ServerTunnelFixture.KEY))));
            Response auth = (Response) silent.receive();
            assertThat(auth.status()).isEqualTo(StatusCode.SUCCESS);
            silent.send(new Bind(Header.of(MethodCode.BIND.code(), 2, 0, auth.header().sessionId()), null,
                    List.of("SilentDevice")));
            assertThat(((Response) silent.receive()).status()).isEqualTo(StatusCode.SUCCESS);
            Request notify = (Request) silent.receive();
            silent.send(notify.success(null));

            HttpResponse<String> r = get(f, "/Thingworx/Things/SilentDevice/Properties/Level?live=true");
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(((Request) silent.receive()).characteristicName()).as("the read reached the device").isEqualTo("Level");
            assertThat(f.server.remoteAccess().counters().refusals(Kind.HTTP, Reason.PLATFORM_TIMEOUT)).isOne();
        }
    }
}

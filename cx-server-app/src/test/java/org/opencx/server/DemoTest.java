package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencx.tunnel.RemoteAccessCounters;

/** The demo's code path: platform, Connection Server and devices start, a live read works, and the printed tunnel reaches the device's page. */
class DemoTest {

    @Test
    void aLivePropertyReadThroughTheDemoSucceeds() throws Exception {
        try (Demo demo = Demo.start(new Demo.Options(0, 0, 3, null, Duration.ofMillis(200)))) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            demo.printWelcome(new PrintStream(text, true, StandardCharsets.UTF_8));
            assertThat(text.toString(StandardCharsets.UTF_8)).contains("?live=true").contains(Demo.DEVICE_KEY);

            URI live = URI.create(demo.platform().baseUri() + "/Things/" + Demo.thing(0) + "/Properties/Temperature?live=true");
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(live).header("appKey", Demo.DEVICE_KEY).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Temperature");

            // The server's own thing exists from the moment its pipes joined; its figures arrive every period.
            String serverThing = demo.platform().baseUri() + "/Things/" + Demo.CS_NAME;
            assertThat(text.toString(StandardCharsets.UTF_8)).contains(serverThing);
            HttpResponse<String> cs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(serverThing))
                    .header("appKey", Demo.DEVICE_KEY).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cs.statusCode()).isEqualTo(200);
        }
    }

    /** The printed tunnel command, run as printed (on a free local port), then the printed curl's request through it. */
    @Test
    void theDevicesPageIsReachedThroughThePrintedTunnel() throws Exception {
        try (Demo demo = Demo.start(new Demo.Options(0, 0, 2, DemoTls.generate(), Duration.ofMillis(500)))) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            demo.printWelcome(new PrintStream(text, true, StandardCharsets.UTF_8));
            String welcome = text.toString(StandardCharsets.UTF_8);
            String prefix = "bin/connection-server ";
            String command = welcome.lines().map(String::strip).filter(l -> l.startsWith(prefix + "tunnel ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no tunnel command in:\n" + welcome));
            assertThat(command).contains("--platform https://127.0.0.1:" + demo.server().edgePort()).contains("--trust-all");
            assertThat(welcome).contains("curl http://127.0.0.1:" + Demo.TUNNEL_LOCAL_PORT + "/");

            List<String> args = new ArrayList<>(List.of(command.substring(prefix.length()).split(" ")));
            args.set(args.indexOf("--local-port") + 1, "0");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            CompletableFuture<Void> stop = new CompletableFuture<>();
            CompletableFuture<Integer> tunnel = CompletableFuture.supplyAsync(() -> Main.run(args,
                    new ByteArrayInputStream(new byte[0]), print, print, Map.of(), false, stop));
            Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
            HealthFixture.await("the tunnel command listens", () -> listening.matcher(out.toString(StandardCharsets.UTF_8)).find()
                    || tunnel.isDone());
            Matcher m = listening.matcher(out.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("hello from " + Demo.thing(0) + "\n");
            assertThat(demo.server().remoteAccess().counters().accepted(RemoteAccessCounters.Kind.TUNNEL))
                    .as("both ends of the tunnel went through the Connection Server").isEqualTo(2);
            stop.complete(null);
            assertThat(tunnel.get(20, TimeUnit.SECONDS)).isZero();
        }
    }
}

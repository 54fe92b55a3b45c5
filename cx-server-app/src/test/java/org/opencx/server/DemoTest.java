package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo's code path: platform, Connection Server and devices start, and a live read works. */
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
}

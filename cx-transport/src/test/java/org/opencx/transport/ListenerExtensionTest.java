package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xnio.XnioWorker;

/** A listener extension serves every path but /Thingworx/WS, on the relay's I/O threads; without one they answer 404. */
class ListenerExtensionTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(Relay relay, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void otherPathsGoToTheExtensionOnTheRelaysThreads() throws Exception {
        AtomicReference<XnioWorker> given = new AtomicReference<>();
        AtomicReference<String> servedOn = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        ListenerExtension extension = new ListenerExtension() {
            @Override
            public HttpHandler start(XnioWorker worker, ByteBufferPool buffers) {
                given.set(worker);
                return exchange -> {
                    servedOn.set(Thread.currentThread().getName());
                    exchange.getResponseSender().send("extension " + exchange.getRequestPath());
                };
            }

            @Override
            public void stop() {
                stopped.set(true);
            }
        };
        try (RelayFixture f = RelayFixture.setup().pipes(1).extension(extension).start()) {
            HttpResponse<String> r = get(f.relay, "/Thingworx/Things/Anything");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("extension /Thingworx/Things/Anything");
            assertThat(given.get()).isNotNull();
            assertThat(servedOn.get()).startsWith("cx-io");
            // The relay's own path stays the relay's.
            try (EdgeWire edge = f.wire()) {
                assertThat(edge.raw.responseHead()).startsWith("HTTP/1.1 101 ");
            }
            assertThat(stopped).isFalse();
        }
        assertThat(stopped).isTrue();
    }

    @Test
    void withoutAnExtensionOtherPathsAnswer404() throws Exception {
        try (RelayFixture f = RelayFixture.setup().pipes(1).start()) {
            assertThat(get(f.relay, "/Thingworx/Things/Anything").statusCode()).isEqualTo(404);
        }
    }
}

package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.OverloadLimits;
import org.opencx.testkit.edge.EdgeClient;

/**
 * {@code max-compressed-sessions}: past it an edge's offer of permessage-deflate is not taken, its
 * upgrade answers without the extension and the edge works uncompressed; a compressed socket that
 * closes makes room again.
 */
class CompressionCapTest {
    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    private RelayFixture f;

    @BeforeEach
    void start() throws Exception {
        f = RelayFixture.setup().edge(e -> e.withOverload(OverloadLimits.DEFAULTS.withMaxCompressedSessions(1))).start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void pastTheCapAnUpgradeIsNotCompressedAndACloseMakesRoom() throws Exception {
        EdgeWire first = EdgeWire.connect(f.relay, EdgeEndpointSettings.DEFAULT_FRAME_SIZE, true);
        assertThat(first.raw.responseHeader(EXTENSIONS)).isEqualTo("permessage-deflate");
        f.await("one compressed socket", () -> f.relay.endpoint().compressedSockets() == 1);

        EdgeWire second = EdgeWire.connect(f.relay, EdgeEndpointSettings.DEFAULT_FRAME_SIZE, true);
        assertThat(second.raw.responseHeader(EXTENSIONS)).isNull();
        assertThat(f.relay.counters().compressionDeclined()).isEqualTo(1);
        assertThat(f.relay.endpoint().compressedSockets()).isEqualTo(1);

        first.close();
        f.await("the compressed socket closed", () -> f.relay.endpoint().compressedSockets() == 0);
        EdgeWire third = EdgeWire.connect(f.relay, EdgeEndpointSettings.DEFAULT_FRAME_SIZE, true);
        assertThat(third.raw.responseHeader(EXTENSIONS)).isEqualTo("permessage-deflate");
        second.close();
        third.close();
    }

    @Test
    void aClientRefusedCompressionWorksUncompressed() throws Exception {
        EdgeClient compressed = f.connect(f.device("Deflated1").compression(true));
        EdgeClient plain = f.connect(f.device("Declined1").compression(true));
        assertThat(compressed.compressed()).isTrue();
        assertThat(plain.compressed()).isFalse();
        plain.thing("Declined1").property("Temperature", 1.0);
        assertThat(plain.pushProperty("Declined1", "Temperature", 21.5).get(10, TimeUnit.SECONDS).status())
                .isEqualTo(StatusCode.SUCCESS);
        assertThat(compressed.pushProperty("Deflated1", "Temperature", 22.5).get(10, TimeUnit.SECONDS).status())
                .isEqualTo(StatusCode.SUCCESS);
    }
}

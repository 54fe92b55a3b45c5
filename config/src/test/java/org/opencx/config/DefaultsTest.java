package org.opencx.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With only the required keys given, every group has the reference product's defaults. */
class DefaultsTest {
    private final CxServerSettings settings = TestConfigs.load(TestConfigs.valid());

    @Test
    void edgeListenerAndSockets() {
        assertThat(settings.edge()).isEqualTo(EdgeEndpointSettings.DEFAULTS);
        assertThat(settings.edge().port()).isEqualTo(8443);
        assertThat(settings.edge().host()).isEqualTo("0.0.0.0");
        assertThat(settings.edge().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.edge().authRequestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.edge().maxMessageSize()).isEqualTo(1_048_576);
        assertThat(settings.edge().maxQueuedBytes()).isEqualTo(1_048_576);
        assertThat(settings.edge().aliveness().frequency()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.edge().aliveness().idlePeriod()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void theAlivenessCheckKeysAreReadInSeconds() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.transport.websockets.aliveness-check { frequency-secs = 5, idle-period-secs = 20 }
                """);
        assertThat(s.edge().aliveness()).isEqualTo(
                new EdgeEndpointSettings.AlivenessCheck(Duration.ofSeconds(5), Duration.ofSeconds(20)));
        assertThat(TestConfigs.problems("cx-server.transport.websockets.aliveness-check.idle-period-secs = 0"))
                .singleElement().satisfies(p -> assertThat(p.path())
                        .isEqualTo("cx-server.transport.websockets.aliveness-check.idle-period-secs"));
    }

    @Test
    void edgeTlsIsOnWithTheKeyStoreAndTheTlsBuildersDefaultLists() {
        assertThat(settings.edgeTls()).isEqualTo(new EdgeTlsSettings(true,
                new KeyStoreRef(TestStores.KEY_STORE, Secret.of(TestStores.KEY_STORE_PASSWORD), "PKCS12"),
                ClientAuthentication.NONE, null, List.of(), List.of(), List.of()));
    }

    @Test
    void platformLink() {
        assertThat(settings.platform()).isEqualTo(
                PlatformSettings.defaults(TestConfigs.PLATFORM, TestConfigs.APP_KEY, TestConfigs.THING));
        assertThat(settings.platform().pipeCount()).isEqualTo(5);
        assertThat(settings.platform().pingRate()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.platform().idleReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.platform().highWaterMark()).isEqualTo(64 * 1024);
        assertThat(settings.platform().lowWaterMark()).isEqualTo(32 * 1024);
        assertThat(settings.platform().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.platform().authTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void platformTlsValidatesHostNamesAgainstCacerts() {
        assertThat(settings.platformTls()).isEqualTo(PlatformTlsSettings.DEFAULTS);
    }

    @Test
    void routing() {
        assertThat(settings.routing()).isEqualTo(RoutingSettings.DEFAULTS);
        assertThat(settings.routing().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void healthCheckAndShutdown() {
        assertThat(settings.healthCheckPort()).isEqualTo(9009);
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aMissingThingNameIsGenerated() {
        CxServerSettings generated = TestConfigs.load(TestConfigs.valid().withoutPath("cx-server.thing.name"));
        assertThat(generated.platform().thingName()).matches("cxserver-[0-9a-f]{8}");
    }
}

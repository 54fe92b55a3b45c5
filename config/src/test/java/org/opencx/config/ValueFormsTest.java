package org.opencx.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The forms a value may take: duration and size units, one URL or a list, aliases, TLS off. */
class ValueFormsTest {
    @Test
    void durationsAreStringsWithUnitsOrMilliseconds() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.websockets.idle-timeout-ms = "2m"
                cx-server.transport.websockets.connections.pingRate = 1500
                """);
        assertThat(s.edge().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.platform().pingRate()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void sizesAreStringsWithUnitsOrBytes() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.transport.websockets.connections { highWaterMark = "1m", lowWaterMark = 1000 }
                cx-server.transport.websockets.max-msg-size-bytes = "2m"
                """);
        assertThat(s.platform().highWaterMark()).isEqualTo(1_048_576);
        assertThat(s.platform().lowWaterMark()).isEqualTo(1000);
        assertThat(s.edge().maxMessageSize()).isEqualTo(2 * 1_048_576);
    }

    @Test
    void platformsMayBeOneString() {
        CxServerSettings s = TestConfigs.load("cx-server.transport.websockets.platforms = \"ws://p1:8080/Thingworx/WS\"");
        assertThat(s.platform().platforms()).containsExactly(URI.create("ws://p1:8080/Thingworx/WS"));
    }

    @Test
    void platformsMayBeAList() {
        CxServerSettings s = TestConfigs.load(
                "cx-server.transport.websockets.platforms = [\"wss://p1/Thingworx/WS\", \"wss://p2/Thingworx/WS\"]");
        assertThat(s.platform().platforms())
                .containsExactly(URI.create("wss://p1/Thingworx/WS"), URI.create("wss://p2/Thingworx/WS"));
    }

    @Test
    void theAzureSpellingOfTheRequestTimeoutIsAnAlias() {
        CxServerSettings s = TestConfigs.load("cx-server.transport.websockets.request.default_timeout.ms = 2500");
        assertThat(s.routing().requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void theAliasAndTheKeyTogetherAreAProblem() {
        List<ConfigProblem> problems = TestConfigs.problems("""
                cx-server.transport.websockets.request.default_timeout.ms = 2500
                cx-server.transport.websockets.request.default_timeout-ms = 3000
                """);
        assertThat(problems).singleElement().extracting(ConfigProblem::path)
                .isEqualTo("cx-server.transport.websockets.request.default_timeout.ms");
    }

    @Test
    void clientAuthenticationModeIgnoresCaseAndTakesATrustStore() {
        Config config = TestConfigs.with("""
                cx-server.protocol.http-server.ssl.client-authentication {
                  authentication-mode = REQUIRED
                  trust-store.password = "secret:cs-trust-store-password"
                }
                """).withValue("cx-server.protocol.http-server.ssl.client-authentication.trust-store.file",
                ConfigValueFactory.fromAnyRef(TestStores.TRUST_STORE.toString()));
        CxServerSettings s = TestConfigs.load(config);
        assertThat(s.edgeTls().clientAuthentication()).isEqualTo(ClientAuthentication.REQUIRED);
        assertThat(s.edgeTls().clientTrustStore().file()).isEqualTo(TestStores.TRUST_STORE);
    }

    @Test
    void withTlsOffNoKeyStoreIsNeeded() {
        CxServerSettings s = TestConfigs.load(TestConfigs.with("cx-server.protocol.http-server.ssl.enabled = false")
                .withoutPath("cx-server.protocol.http-server.ssl.key-store"));
        assertThat(s.edgeTls()).isEqualTo(EdgeTlsSettings.disabled());
    }

    @Test
    void additionalCipherSuitesAreKept() {
        CxServerSettings s = TestConfigs.load(
                "cx-server.protocol.http-server.ssl.additional-cipher-suites = [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]");
        assertThat(s.edgeTls().additionalCipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    }
}

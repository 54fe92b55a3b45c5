package org.opencx.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cx-server.tunneling.*} and {@code cx-server.protocol.http-client.*}: defaults, aliases, problems. */
class RemoteAccessKeysTest {
    @Test
    void theDefaultsAreTheReferenceProducts() {
        CxServerSettings s = TestConfigs.load(TestConfigs.valid());
        assertThat(s.tunneling()).isEqualTo(TunnelSettings.DEFAULTS);
        assertThat(s.tunneling().maxConcurrentTunnels()).isEqualTo(50);
        assertThat(s.tunneling().headersToCopy()).containsExactly("appKey", "Cookie");
        assertThat(s.tunneling().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.httpClient()).isEqualTo(HttpClientSettings.DEFAULTS);
        assertThat(s.httpClient().keepAlive()).isTrue();
        assertThat(s.httpClient().maxConnectionPoolSize()).isEqualTo(50);
        assertThat(s.httpClient().maxRequestBody()).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void everyKeyIsRead() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.tunneling { max-concurrent-tunnels = 3, headers-to-copy = ["appKey"], idle-timeout = 5s }
                cx-server.protocol.http-client {
                  keep-alive-enabled = false
                  max-connection-pool-size = 7
                  max-websockets = 9
                  connect-timeout = 2s
                  request-timeout = 4s
                  max-request-body = 64k
                }
                """);
        assertThat(s.tunneling()).isEqualTo(new TunnelSettings(3, List.of("appKey"), Duration.ofSeconds(5), 4));
        assertThat(s.httpClient()).isEqualTo(new HttpClientSettings(false, 7, 9, null, null, Duration.ofSeconds(2),
                Duration.ofSeconds(4), 64 * 1024));
    }

    @Test
    void theHttpClientIsAlsoReadUnderTheReferencesOtherSpelling() {
        CxServerSettings s = TestConfigs.load(TestConfigs.withTestKeyStore(TestConfigs.with("""
                cx-server.http-client {
                  keep-alive-enabled = false
                  max-connection-pool-size = 8
                  ssl.trust-store { file = "%s", password = "secret:cs-trust-store-password" }
                }
                """.formatted(TestStores.TRUST_STORE))));
        assertThat(s.httpClient().keepAlive()).isFalse();
        assertThat(s.httpClient().maxConnectionPoolSize()).isEqualTo(8);
        assertThat(s.httpClient().trustStore().file()).isEqualTo(TestStores.TRUST_STORE);
        assertThat(s.httpClient().trustStore().password().reveal()).isEqualTo(TestStores.TRUST_STORE_PASSWORD);
    }

    @Test
    void bothSpellingsWithDifferentValuesAreAProblem() {
        assertThat(TestConfigs.problems("""
                cx-server.http-client.max-connection-pool-size = 8
                cx-server.protocol.http-client.max-connection-pool-size = 9
                """)).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("cx-server.http-client.max-connection-pool-size");
                    assertThat(p.expected()).contains("not both");
                });
    }

    @Test
    void theClientKeyStoreIsCheckedAtLoad() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.protocol.http-client.ssl.key-store { file = "%s", password = "secret:cs-key-store-password" }
                """.formatted(TestStores.KEY_STORE));
        assertThat(s.httpClient().keyStore().file()).isEqualTo(TestStores.KEY_STORE);
        assertThat(TestConfigs.problems("""
                cx-server.protocol.http-client.ssl.key-store { file = "%s", password = "wrong" }
                """.formatted(TestStores.KEY_STORE))).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("cx-server.protocol.http-client.ssl.key-store.password");
                    assertThat(p.line()).doesNotContain("wrong");
                });
    }

    @Test
    void handshakeHeadersCannotBeCopied() {
        assertThat(TestConfigs.problems("cx-server.tunneling.headers-to-copy = [\"appKey\", \"Sec-WebSocket-Key\"]"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("cx-server.tunneling.headers-to-copy");
                    assertThat(p.expected()).contains("header names");
                });
        assertThat(TestConfigs.problems("cx-server.tunneling.headers-to-copy = [\"not a name\"]")).hasSize(1);
    }

    @Test
    void limitsMustBePositive() {
        assertThat(TestConfigs.problems("""
                cx-server.tunneling { max-concurrent-tunnels = 0, idle-timeout = 0 }
                cx-server.protocol.http-client { max-websockets = 0, max-request-body = 0, request-timeout = -1s }
                """)).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "cx-server.tunneling.max-concurrent-tunnels", "cx-server.tunneling.idle-timeout",
                "cx-server.protocol.http-client.max-websockets", "cx-server.protocol.http-client.max-request-body",
                "cx-server.protocol.http-client.request-timeout");
    }

    @Test
    void aMistypedTunnelKeyIsSuggested() {
        assertThat(TestConfigs.problems("cx-server.tunneling.max-concurent-tunnels = 5"))
                .singleElement().satisfies(p -> assertThat(p.expected())
                        .contains("cx-server.tunneling.max-concurrent-tunnels"));
    }
}

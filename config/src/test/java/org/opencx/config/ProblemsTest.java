package org.opencx.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Each kind of mistake gives exactly one problem, at the key's path, saying what was expected. */
class ProblemsTest {
    private static final String LINK = "cx-server.transport.websockets.";
    private static final String SSL = "cx-server.protocol.http-server.ssl.";

    private static ConfigProblem only(String hocon) {
        return single(TestConfigs.problems(hocon));
    }

    private static ConfigProblem only(Config config) {
        return single(TestConfigs.problems(config));
    }

    private static ConfigProblem single(List<ConfigProblem> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void aNegativeTimeout() {
        ConfigProblem p = only("cx-server.websockets.idle-timeout-ms = \"-5s\"");
        assertThat(p.line()).isEqualTo(
                "cx-server.websockets.idle-timeout-ms: found \"-5s\", expected a positive duration");
    }

    @Test
    void aZeroTimeout() {
        ConfigProblem p = only(LINK + "connections.pingRate = 0");
        assertThat(p.path()).isEqualTo(LINK + "connections.pingRate");
        assertThat(p.expected()).isEqualTo("a positive duration");
    }

    @Test
    void aWrongType() {
        ConfigProblem p = only("cx-server.protocol.port = \"eighty\"");
        assertThat(p.line()).isEqualTo("cx-server.protocol.port: found \"eighty\", expected a whole number");
    }

    @Test
    void aWrongTypeOfDuration() {
        ConfigProblem p = only("cx-server.websockets.auth-request-timeout = soon");
        assertThat(p.path()).isEqualTo("cx-server.websockets.auth-request-timeout");
        assertThat(p.expected()).startsWith("a duration");
    }

    @Test
    void anObjectWhereAValueBelongs() {
        ConfigProblem p = only("cx-server.websockets.compression { enabled = true }");
        assertThat(p.path()).isEqualTo("cx-server.websockets.compression");
        assertThat(p.expected()).isEqualTo("true or false");
    }

    @Test
    void aValueWhereAnObjectBelongs() {
        ConfigProblem p = only(SSL + "key-store = \"server.p12\"");
        assertThat(p.path()).isEqualTo(SSL + "key-store");
        assertThat(p.expected()).isEqualTo("an object holding the keys file, password, type");
    }

    @Test
    void aPortAboveTheRange() {
        ConfigProblem p = only("cx-server.protocol.port = 70000");
        assertThat(p.line()).isEqualTo("cx-server.protocol.port: found \"70000\", expected a port from 0 to 65535");
    }

    @Test
    void aNegativePort() {
        assertThat(only("cx-server.health-check.port = -1").path()).isEqualTo("cx-server.health-check.port");
    }

    @Test
    void lowWaterMarkAboveHighWaterMark() {
        ConfigProblem p = only(LINK + "connections.lowWaterMark = \"128k\"");
        assertThat(p.line()).isEqualTo(LINK + "connections.lowWaterMark: found \"128k\", expected at most "
                + LINK + "connections.highWaterMark (64k)");
    }

    @Test
    void aMissingAppKey() {
        ConfigProblem p = only(TestConfigs.valid().withoutPath(LINK + "app-key"));
        assertThat(p.path()).isEqualTo(LINK + "app-key");
        assertThat(p.found()).isNull();
        assertThat(p.line()).contains("found nothing");
    }

    @Test
    void missingPlatforms() {
        assertThat(only(TestConfigs.valid().withoutPath(LINK + "platforms")).path()).isEqualTo(LINK + "platforms");
    }

    @Test
    void anEmptyListOfPlatforms() {
        assertThat(only(LINK + "platforms = []").expected()).startsWith("at least one platform");
    }

    @Test
    void aMissingKeyStoreWhileTlsIsOn() {
        ConfigProblem p = only(TestConfigs.valid().withoutPath(SSL + "key-store.file"));
        assertThat(p.path()).isEqualTo(SSL + "key-store.file");
        assertThat(p.expected()).contains("required while " + SSL + "enabled is true");
    }

    @Test
    void aPlatformUrlThatIsNotWebSocket() {
        ConfigProblem p = only(LINK + "platforms = [\"wss://p1/Thingworx/WS\", \"https://p2/Thingworx/WS\"]");
        assertThat(p.path()).isEqualTo(LINK + "platforms");
        assertThat(p.expected()).contains("ws:// or wss://").contains("https://p2/Thingworx/WS");
    }

    @Test
    void aKeyStoreFileThatDoesNotExist() {
        ConfigProblem p = only(SSL + "key-store.file = \"/nowhere/cxserver.p12\"");
        assertThat(p.line()).isEqualTo(SSL + "key-store.file: found \"/nowhere/cxserver.p12\", "
                + "expected an existing, readable file");
    }

    @Test
    void aKeyStoreWithTheWrongPassword() {
        ConfigProblem p = only(SSL + "key-store.password = \"not-the-password\"");
        assertThat(p.path()).isEqualTo(SSL + "key-store.password");
        assertThat(p.found()).isEqualTo("***");
    }

    @Test
    void aKeyStoreWithoutAPrivateKey() {
        ConfigProblem p = only(TestConfigs.with(SSL + "key-store.password = \"secret:cs-trust-store-password\"")
                .withValue(SSL + "key-store.file",
                        ConfigValueFactory.fromAnyRef(TestStores.TRUST_STORE.toString())));
        assertThat(p.path()).isEqualTo(SSL + "key-store.file");
        assertThat(p.expected()).isEqualTo("a key store holding a private key and its certificate chain");
    }

    @Test
    void aKeyStoreTypeTheJvmDoesNotKnow() {
        assertThat(only(SSL + "key-store.type = NOPE12").path()).isEqualTo(SSL + "key-store.type");
    }

    @Test
    void aTrustStoreWithTheWrongPassword() {
        ConfigProblem p = only(TestConfigs.withTestTrustStore(
                TestConfigs.with(LINK + "ssl.trust-store.password = wrong")));
        assertThat(p.path()).isEqualTo(LINK + "ssl.trust-store.password");
    }

    @Test
    void anUnresolvableSecret() {
        ConfigProblem p = only(LINK + "app-key = \"secret:no-such-secret\"");
        assertThat(p.line()).isEqualTo(LINK + "app-key: found \"secret:no-such-secret\", expected the name of a "
                + "secret the secrets store holds (it has none called \"no-such-secret\")");
    }

    @Test
    void anUnknownClientAuthenticationMode() {
        ConfigProblem p = only(SSL + "client-authentication.authentication-mode = sometimes");
        assertThat(p.expected()).isEqualTo("one of none, request, required");
    }

    @Test
    void severalProblemsAreAllReported() {
        ConfigurationException e = assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> TestConfigs.load(TestConfigs.with("""
                        cx-server.websockets.idle-timeout-ms = "-5s"
                        cx-server.protocol.port = 70000
                        cx-server.websockets.idle-timout = 5
                        cx-server.transport.websockets.connections.pipe-count = 0
                        """).withoutPath(LINK + "app-key"))).actual();
        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "cx-server.websockets.idle-timeout-ms", "cx-server.protocol.port", "cx-server.websockets.idle-timout",
                LINK + "connections.pipe-count", LINK + "app-key");
        assertThat(e.getMessage().lines()).hasSize(6).first().isEqualTo("5 configuration problems:");
        assertThat(e.getMessage()).contains(
                "cx-server.websockets.idle-timeout-ms: found \"-5s\", expected a positive duration");
    }

    @Test
    void aRootThatIsNotAnObject() {
        ConfigProblem p = single(TestConfigs.problems(ConfigFactory.parseString("cx-server = 5")));
        assertThat(p.path()).isEqualTo("cx-server");
    }
}

package org.opencx.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Secrets are resolved from references, warned about in plain text, and never shown. */
class SecretsTest {
    private static final String SECRET = TestConfigs.APP_KEY;
    private static final String LINK = "cx-server.transport.websockets.";

    @Test
    void referencesAreResolved() {
        CxServerSettings s = TestConfigs.load(TestConfigs.valid());
        assertThat(s.platform().appKey()).isEqualTo(SECRET);
        assertThat(s.edgeTls().keyStore().password().reveal()).isEqualTo(TestStores.KEY_STORE_PASSWORD);
    }

    @Test
    void aPlainTextSecretGetsOneWarningNamingOnlyItsKey() {
        try (CapturedLogs logs = new CapturedLogs()) {
            CxServerSettings s = TestConfigs.load(LINK + "app-key = \"" + SECRET + "\"");
            assertThat(s.platform().appKey()).isEqualTo(SECRET);
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                    .contains(LINK + "app-key").doesNotContain(SECRET);
        }
    }

    @Test
    void referencedSecretsGetNoWarning() {
        try (CapturedLogs logs = new CapturedLogs()) {
            TestConfigs.load(TestConfigs.valid());
            assertThat(logs.lines()).noneMatch(l -> l.startsWith("WARN"));
        }
    }

    @Test
    void noSecretInTheSettingsToString() {
        CxServerSettings s = TestConfigs.load(LINK + "app-key = \"" + SECRET + "\"");
        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain(TestStores.KEY_STORE_PASSWORD);
    }

    @Test
    void noSecretInAProblem() {
        ConfigurationException e = assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> TestConfigs.load("""
                        cx-server.transport.websockets {
                          app-key = ["%1$s"]
                          app-kee = "%1$s"
                          ssl.trust-store.pasword = "%1$s"
                        }
                        cx-server.protocol.http-server.ssl.key-store.password = "%1$s"
                        cx-server.protocol.http-server.ssl.client-authentication.trust-store.password = "%1$s"
                        cx-server.protocol.http-server.ssl.client-authentication.trust-store.file = "/nowhere"
                        """.formatted(SECRET))).actual();
        assertThat(e.problems()).hasSize(5);
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(e.problems()).allSatisfy(p -> assertThat(String.valueOf(p.found())).doesNotContain(SECRET));
    }
}

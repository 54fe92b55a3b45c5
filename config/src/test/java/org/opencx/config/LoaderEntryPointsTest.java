package org.opencx.config;

import com.typesafe.config.ConfigRenderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Loading from a file and from {@code -Dconfig.file}; a file that cannot be parsed is a problem too. */
class LoaderEntryPointsTest {
    @TempDir
    Path dir;

    private Path write(String hocon) throws IOException {
        Path file = dir.resolve("cxserver.conf");
        StringBuilder text = new StringBuilder();
        TestConfigs.valid().entrySet().forEach(e -> text.append(e.getKey()).append(" = ")
                .append(e.getValue().render(ConfigRenderOptions.concise())).append('\n'));
        Files.writeString(file, text + hocon);
        return file;
    }

    @Test
    void fromFile() throws IOException {
        CxServerSettings s = SettingsLoader.fromFile(write("cx-server.protocol.port = 9443"), TestConfigs.RESOLVER);
        assertThat(s.edge().port()).isEqualTo(9443);
    }

    @Test
    void aMissingFile() {
        ConfigurationException e = assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> SettingsLoader.fromFile(dir.resolve("none.conf"), TestConfigs.RESOLVER)).actual();
        assertThat(e.problems()).singleElement().extracting(ConfigProblem::path).isEqualTo("config.file");
    }

    @Test
    void aSyntaxErrorNamesTheLineAndHidesQuotedText() throws IOException {
        Path file = write("cx-server.transport.websockets {\n app-key = super-secret-key-123 = oops\n}");
        ConfigurationException e = assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> SettingsLoader.fromFile(file, TestConfigs.RESOLVER)).actual();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).contains("cxserver.conf").matches(".*: \\d+");
            assertThat(p.found()).isEqualTo("a syntax error");
        });
        assertThat(e.getMessage()).doesNotContain("super-secret-key-123").contains("got '='");
    }

    @Test
    void anUnresolvedSubstitution() throws IOException {
        Path file = write("cx-server.thing.name = ${NO_SUCH_VARIABLE_FOR_OPENCX}");
        ConfigurationException e = assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> SettingsLoader.fromFile(file, TestConfigs.RESOLVER)).actual();
        assertThat(e.problems()).singleElement().extracting(ConfigProblem::expected).asString()
                .contains("NO_SUCH_VARIABLE_FOR_OPENCX");
    }

    @Test
    void fromSystemPropertiesReadsConfigFileAndPropertyOverrides() throws IOException {
        Path file = write("cx-server.protocol.port = 9443");
        System.setProperty("config.file", file.toString());
        System.setProperty("cx-server.health-check.port", "9119");
        try {
            CxServerSettings s = SettingsLoader.fromSystemProperties(TestConfigs.RESOLVER);
            assertThat(s.edge().port()).isEqualTo(9443);
            assertThat(s.healthCheckPort()).isEqualTo(9119);
        } finally {
            System.clearProperty("config.file");
            System.clearProperty("cx-server.health-check.port");
        }
    }

    @Test
    void fromSystemPropertiesWithAMissingConfigFile() {
        System.setProperty("config.file", dir.resolve("none.conf").toString());
        try {
            assertThatExceptionOfType(ConfigurationException.class)
                    .isThrownBy(() -> SettingsLoader.fromSystemProperties(TestConfigs.RESOLVER))
                    .satisfies(e -> assertThat(e.problems()).singleElement()
                            .extracting(ConfigProblem::path).isEqualTo("config.file"));
        } finally {
            System.clearProperty("config.file");
        }
    }

    @Test
    void portInUseIsAProblemTheServerCanReport() {
        assertThat(ConfigProblem.portInUse("cx-server.protocol.port", 8443).line()).isEqualTo(
                "cx-server.protocol.port: found \"8443\", expected a free port (another process listens on it)");
    }

    @Test
    void theMessageHasAHeadingAndOneLinePerProblem() {
        ConfigurationException e = new ConfigurationException(List.of(
                new ConfigProblem("a.b", "1", "two"), ConfigProblem.missing("a.c", "a string")));
        assertThat(e.getMessage()).isEqualTo("""
                2 configuration problems:
                a.b: found "1", expected two
                a.c: found nothing, expected a string""");
    }
}

package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.Secret;

class MasterPasswordTest {
    @TempDir
    Path dir;

    @Test
    void fromTheVariable() {
        assertThat(MasterPassword.fromEnvironment(Map.of("CX_SERVER_MASTER_PASSWORD", "m-1"))).isEqualTo(Secret.of("m-1"));
    }

    @Test
    void fromTheFirstLineOfTheFile() throws Exception {
        Path file = dir.resolve("master");
        Files.writeString(file, "m-2 with spaces\r\nsecond line\n");

        assertThat(MasterPassword.fromEnvironment(Map.of("CX_SERVER_MASTER_PASSWORD_FILE", file.toString())))
                .isEqualTo(Secret.of("m-2 with spaces"));
    }

    @Test
    void neitherIsEmptyOrAnErrorNamingBothVariables() {
        assertThat(MasterPassword.find(Map.of())).isEmpty();
        assertThatThrownBy(() -> MasterPassword.fromEnvironment(Map.of()))
                .hasMessageContaining("CX_SERVER_MASTER_PASSWORD ")
                .hasMessageContaining("CX_SERVER_MASTER_PASSWORD_FILE");
    }

    @Test
    void bothIsAnError() {
        assertThatThrownBy(() -> MasterPassword.find(Map.of("CX_SERVER_MASTER_PASSWORD", "a",
                "CX_SERVER_MASTER_PASSWORD_FILE", "b"))).hasMessageContaining("not both");
    }

    @Test
    void emptyAndUnreadableAreErrors() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\nm\n");

        assertThatThrownBy(() -> MasterPassword.find(Map.of("CX_SERVER_MASTER_PASSWORD", "")))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> MasterPassword.find(Map.of("CX_SERVER_MASTER_PASSWORD_FILE", empty.toString())))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> MasterPassword.find(Map.of("CX_SERVER_MASTER_PASSWORD_FILE", dir.resolve("none").toString())))
                .hasMessageContaining("cannot read the master password file");
    }

    @Test
    void aPasswordFileOthersCanReadIsWarnedAbout() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("master");
        Files.writeString(file, "m-3\n");
        Map<String, String> env = Map.of("CX_SERVER_MASTER_PASSWORD_FILE", file.toString());

        try (LogCapture log = new LogCapture()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            MasterPassword.fromEnvironment(env);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            MasterPassword.fromEnvironment(env);

            assertThat(log.lines(Level.WARN)).singleElement().asString().contains("readable by others").contains("chmod 600");
        }
    }
}

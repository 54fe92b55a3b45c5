package org.opencx.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The archive this module's build made ({@code -Dopencx.archive}, set by the POM), unpacked with
 * {@code tar} as an operator would, into a folder of the test's.
 */
record UnpackedDistribution(Path home) {
    private static final long UNPACK_SECONDS = 30;

    static UnpackedDistribution into(Path folder) throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("opencx.archive", "target/opencx.tar.gz"));
        assertThat(archive).as("the archive (run through Maven: mvn verify)").isRegularFile();
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(UNPACK_SECONDS, TimeUnit.SECONDS)).as("tar finished").isTrue();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.exitValue()).as("tar: " + output).isZero();
        Path home = folder.resolve("opencx-" + System.getProperty("opencx.version"));
        assertThat(home).isDirectory();
        return new UnpackedDistribution(home);
    }

    Path launcher() {
        return home.resolve("bin").resolve("connection-server");
    }

    Path conf(String file) {
        return home.resolve("conf").resolve(file);
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path unit() {
        return home.resolve("opencx.service");
    }

    /** The unit with its install folder, /opt/opencx, replaced by this one. */
    String unitInstalledHere() throws IOException {
        return Files.readString(unit(), StandardCharsets.UTF_8).replace("/opt/opencx", home.toString());
    }
}

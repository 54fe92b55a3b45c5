package org.opencx.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped systemd unit: {@code systemd-analyze verify} accepts it, rewritten to the unpacked
 * folder (verify checks that ExecStart's program exists). Skipped where the tool is missing.
 */
class SystemdUnitIT {
    private static final long VERIFY_SECONDS = 30;

    @TempDir
    Path temp;

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnit() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here: the unit is not verified");
        UnpackedDistribution dist = UnpackedDistribution.into(temp);
        Path unit = temp.resolve("opencx.service");
        Files.writeString(unit, dist.unitInstalledHere(), StandardCharsets.UTF_8);

        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        assertThat(verify.waitFor(VERIFY_SECONDS, TimeUnit.SECONDS)).as("systemd-analyze finished").isTrue();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).as("warnings about the unit").doesNotContain("opencx.service:");
    }

    private static boolean onPath(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + command).redirectErrorStream(true).start();
        return p.waitFor(VERIFY_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}

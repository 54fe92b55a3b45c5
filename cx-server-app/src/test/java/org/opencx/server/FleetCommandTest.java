package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fleet}'s command line: its usage errors (exit 2) and an unreachable ZooKeeper (exit 1). */
class FleetCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(List.of(args), new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
    }

    private String firstErrorLine() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void helpListsTheOptionsAndTheLauncherListsFleet() {
        assertThat(main("fleet", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: connection-server fleet")
                .contains("--zookeeper", "--base-path", "--timeout");
        out.reset();
        assertThat(main("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("fleet");
    }

    @Test
    void aBadCommandLineExitsWithTwo() {
        assertThat(main("fleet")).isEqualTo(ExitCode.USAGE.code());
        assertThat(firstErrorLine()).isEqualTo("fleet: missing required option: '--zookeeper=HOST:PORT[,...]'");
        err.reset();
        assertThat(main("fleet", "--zookeeper", "127.0.0.1:2181", "--base-path", "services/")).isEqualTo(ExitCode.USAGE.code());
        assertThat(firstErrorLine()).startsWith("fleet: ").contains("must start with / character");
        err.reset();
        assertThat(main("fleet", "--zookeeper", "127.0.0.1:2181", "--timeout", "0s")).isEqualTo(ExitCode.USAGE.code());
        assertThat(firstErrorLine()).isEqualTo("fleet: --timeout must be more than zero: 0ms");
        err.reset();
        assertThat(main("fleet", "--zookeeper", "zk1:notaport")).isEqualTo(ExitCode.USAGE.code());
        assertThat(firstErrorLine()).startsWith("fleet: ");
    }

    @Test
    void anUnreachableZooKeeperExitsWithOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(main("fleet", "--zookeeper", "127.0.0.1:" + closed, "--timeout", "300ms")).isEqualTo(ExitCode.FAILURE.code());
        assertThat(firstErrorLine()).isEqualTo("fleet: no ZooKeeper answered at 127.0.0.1:" + closed + " within 300 ms");
    }
}

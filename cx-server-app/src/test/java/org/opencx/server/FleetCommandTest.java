package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fleet}'s command line: its usage errors (exit 2) and an unreachable ZooKeeper (exit 1). */
class FleetCommandTest {
    static CommandRun fleet(String... args) {
        return CommandRun.main("fleet", new ByteArrayInputStream(new byte[0]), Map.of(), List.of(args));
    }

    private static String firstErrorLine(CommandRun r) {
        return r.err().lines().findFirst().orElse("");
    }

    @Test
    void helpListsTheOptionsAndTheLauncherListsFleet() {
        CommandRun help = fleet("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("usage: connection-server fleet").contains("--zookeeper", "--base-path", "--timeout");
        CommandRun all = CommandRun.of((out, err) -> Main.run(List.of("--help"), new ByteArrayInputStream(new byte[0]), out,
                err, Map.of(), false));
        assertThat(all.out()).contains("fleet");
    }

    @Test
    void aBadCommandLineExitsWithTwo() {
        CommandRun none = fleet();
        assertThat(none.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(firstErrorLine(none)).isEqualTo("fleet: missing required option: '--zookeeper=HOST:PORT[,...]'");
        CommandRun path = fleet("--zookeeper", "127.0.0.1:2181", "--base-path", "services/");
        assertThat(path.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(firstErrorLine(path)).startsWith("fleet: ").contains("must start with / character");
        CommandRun timeout = fleet("--zookeeper", "127.0.0.1:2181", "--timeout", "0s");
        assertThat(timeout.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(firstErrorLine(timeout)).isEqualTo("fleet: --timeout must be more than zero: 0ms");
        CommandRun port = fleet("--zookeeper", "zk1:notaport");
        assertThat(port.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(firstErrorLine(port)).startsWith("fleet: ");
    }

    @Test
    void anUnreachableZooKeeperExitsWithOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CommandRun r = fleet("--zookeeper", "127.0.0.1:" + closed, "--timeout", "300ms");
        assertThat(r.exit()).isEqualTo(ExitCode.FAILURE.code());
        assertThat(firstErrorLine(r)).isEqualTo("fleet: no ZooKeeper answered at 127.0.0.1:" + closed + " within 300 ms");
    }
}

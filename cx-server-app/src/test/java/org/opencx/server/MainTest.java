package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.platform.ReferencePlatform;

/** The launcher's commands and what its exit codes say. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(List.of(args), new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(main("frobnicate")).isEqualTo(ExitCode.USAGE.code());
        assertThat(errors()).contains("unknown command: frobnicate").contains("usage:");
    }

    @Test
    void anInvalidConfigurationPrintsOneLinePerProblem() throws Exception {
        Path conf = Files.createTempFile("bad", ".conf");
        Files.writeString(conf, """
                cx-server {
                  websockets.idle-timeout-ms = -5
                  protocol.prot = 8443
                }
                """);
        assertThat(main("run", "--config", conf.toString())).isEqualTo(ExitCode.CONFIGURATION.code());
        assertThat(errors()).contains("cx-server.websockets.idle-timeout-ms").contains("cx-server.protocol.prot")
                .contains("cx-server.transport.websockets.app-key");
    }

    @Test
    void anEdgePortInUseHasItsOwnExitCode() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ReferencePlatform platform = ReferencePlatform.builder().appKey("k").build()) {
            platform.start();
            Path conf = Files.createTempFile("busy", ".conf");
            Files.writeString(conf, """
                    cx-server {
                      thing.name = "BusyCx"
                      protocol { host = "127.0.0.1", port = %d, http-server.ssl.enabled = false }
                      transport.websockets { app-key = "k", platforms = ["%s"] }
                    }
                    """.formatted(taken.getLocalPort(), platform.wsUri()));
            assertThat(main("run", "--config", conf.toString())).isEqualTo(ExitCode.PORT_IN_USE.code());
            assertThat(errors()).contains("cx-server.protocol.port").contains("in use");
            assertThat(platform.counters().pipesActive()).as("a failed start opens no pipe").isZero();
        }
    }

    @Test
    void theDemoStartsAndStopsWithTls() {
        assertThat(main("demo", "--devices", "2", "--port", "0", "--platform-port", "0")).isEqualTo(ExitCode.OK.code());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wss://127.0.0.1:").contains("?live=true");
    }
}

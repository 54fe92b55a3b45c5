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
import org.opencx.cli.Version;
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

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndVersionPrintAndExitZero() {
        for (List<String> args : List.of(List.of("--help"), List.of("-h"), List.of("help"), List.of("demo", "--help"),
                List.of("help", "keystore"), List.of("secrets", "-h"), List.of("run", "--help"),
                List.of("tunnel", "--help"))) {
            out.reset();
            assertThat(main(args.toArray(String[]::new))).as(args.toString()).isEqualTo(ExitCode.OK.code());
            assertThat(output()).as(args.toString()).startsWith("usage: connection-server");
        }
        out.reset();
        assertThat(main("--help")).isZero();
        assertThat(output()).contains("run").contains("demo").contains("keystore").contains("secrets")
                .contains("CONNECTION_SERVER_OPTS");
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("demo", "--version"))) {
            out.reset();
            assertThat(main(args.toArray(String[]::new))).isEqualTo(ExitCode.OK.code());
            assertThat(output()).isEqualTo("connection-server " + Version.current() + "\n");
        }
        assertThat(errors()).isEmpty();
    }

    @Test
    void aBadCommandLineIsOneLineThenTheUsage() {
        assertBad("demo: missing required parameter for option '--devices' (N)", "demo", "demo", "--devices");
        assertBad("demo: option '--devices' (N) should be specified only once", "demo", "demo", "--devices", "2",
                "--devices", "3");
        assertBad("demo: unknown option: --colour", "demo", "demo", "--colour", "red");
        assertBad("demo: invalid value for option '--devices': 'many' is not an int", "demo", "demo", "--devices", "many");
        assertBad("demo: --devices must be between 1 and " + Main.MAX_DEMO_DEVICES + ": 0", "demo", "demo", "--devices", "0");
        assertBad("demo: --port must be between 0 and 65535: 70000", "demo", "demo", "--port", "70000");
        assertBad("run: option '--config' (FILE) should be specified only once", "run", "run", "--config", "a.conf",
                "--config", "b.conf");
        assertBad("run: unexpected argument: extra", "run", "run", "extra");
        assertBad("connection-server: unknown option: --config", "", "--config", "a.conf");
    }

    private void assertBad(String line, String command, String... args) {
        err.reset();
        assertThat(main(args)).as(line).isEqualTo(ExitCode.USAGE.code());
        List<String> lines = errors().lines().toList();
        assertThat(lines.get(0)).isEqualTo(line);
        assertThat(lines.get(1)).startsWith(("usage: connection-server " + command).trim() + " ");
    }

    @Test
    void noCommandRunsTheServer() throws Exception {
        Path conf = Files.createTempFile("bad", ".conf");
        Files.writeString(conf, "cx-server.websockets.idle-timeout-ms = -5\n");
        String previous = System.setProperty("config.file", conf.toString());
        try {
            assertThat(main()).isEqualTo(ExitCode.CONFIGURATION.code());
        } finally {
            if (previous == null) {
                System.clearProperty("config.file");
            } else {
                System.setProperty("config.file", previous);
            }
        }
        assertThat(errors()).contains("cx-server.websockets.idle-timeout-ms");
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

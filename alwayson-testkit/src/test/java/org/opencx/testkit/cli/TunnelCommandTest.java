package org.opencx.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.opencx.cli.Cli;
import org.opencx.testkit.TcpEchoServer;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.remote.RemoteAccessClient;
import picocli.CommandLine;

/** {@code tunnel}: its options make a remote access client that reaches the device's service. */
class TunnelCommandTest {
    static final String KEY = "cli-tunnel-key";
    static final String THING = "Cabinet1";

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private TunnelCommand tunnel(String... args) {
        TunnelCommand c = new TunnelCommand(out, new CompletableFuture<>());
        Cli.setUp(new CommandLine(c), out, err).parseArgs(args);
        return c;
    }

    private int run(String... args) {
        return TestkitMain.run(args, out, err, CompletableFuture.completedFuture(null));
    }

    @Test
    void theOptionsMakeAClientThatReachesTheService() throws Exception {
        try (ReferencePlatform platform = ReferencePlatform.builder().appKey(KEY).thing(THING).build();
             TcpEchoServer echo = new TcpEchoServer()) {
            platform.start();
            try (EdgeClient device = EdgeClient.builder(platform.wsUri()).appKey(KEY).thing(THING).build()) {
                device.connect().get(10, java.util.concurrent.TimeUnit.SECONDS);
                String rest = "http://127.0.0.1:" + platform.port();
                TunnelCommand command = tunnel("--platform", rest, "--uri", "ws://127.0.0.1:" + platform.port(),
                        "--app-key", KEY, "--thing", THING, "--target", "127.0.0.1:" + echo.port(), "--local-port", "0",
                        "--nonce", "--idle-timeout", "1m");
                try (RemoteAccessClient rac = command.client().start();
                     Socket s = new Socket("127.0.0.1", rac.localPort())) {
                    assertThat(rac.settings().nonceForTunnels()).isTrue();
                    assertThat(rac.settings().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(new byte[] {4, 2});
                    assertThat(s.getInputStream().readNBytes(2)).containsExactly(4, 2);
                }
            }
        }
    }

    @Test
    void itPrintsWhereItListensAndStopsWhenTold() {
        assertThat(run("tunnel", "--platform", "http://127.0.0.1:1", "--app-key", KEY, "--thing", THING,
                "--target", "127.0.0.1:22", "--local-port", "0")).isEqualTo(TestkitMain.OK);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).containsPattern("listening on 127\\.0\\.0\\.1:\\d+")
                .contains("via ws://127.0.0.1:1").contains("ssh -p ").doesNotContain(KEY);
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThatThrownBy(() -> tunnel("--platform", "http://h:1", "--app-key", "k", "--thing", "T", "--target", "h")
                .client()).hasMessageStartingWith("--target must be host:port");
        assertThatThrownBy(() -> tunnel("--platform", "ws://h:1", "--app-key", "k", "--thing", "T", "--target", "h:1"))
                .hasMessageContaining("is not an http:// or https:// URI with a host");
        assertThatThrownBy(() -> tunnel("--platform", "http://h:1", "--uri", "http://h:1", "--app-key", "k", "--thing",
                "T", "--target", "h:1")).hasMessageContaining("is not a ws:// or wss:// URI with a host");
        assertThat(run("tunnel", "--platform", "http://h:1", "--app-key", "k", "--target", "h:1"))
                .isEqualTo(TestkitMain.USAGE);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("tunnel: missing required option: '--thing=T'");
    }
}

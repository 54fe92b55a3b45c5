package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.testkit.edge.EdgeClient;
import org.slf4j.LoggerFactory;

/**
 * {@code /status} of a real server in front of the reference platform, loaded in headless
 * Chromium: what the page shows once rendered, and a screenshot (kept as
 * {@code target/status-page.png}, the picture in the README comes from it).
 */
class StatusPageBrowserTest {
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);
    private static final String WARNING = "status page test: pump 7 reports <overheating> & more";
    private static final List<String> THINGS = List.of("StatusPump-1", "StatusPump-2");

    private static List<String> chromiumArgs(Path profile, String... args) {
        List<String> all = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        all.addAll(List.of(args));
        return all;
    }

    @Test
    void chromiumShowsTheStatusOfARunningServer(@TempDir Path tmp) throws Exception {
        ExternalTool chromium = ExternalTool.require("chromium", "apt-get install chromium");
        try (HealthFixture f = HealthFixture.start()) {
            for (String thing : THINGS) {
                EdgeClient device = f.device(b -> b, thing);
                device.connect().get(20, TimeUnit.SECONDS);
                f.platform.awaitConnected(thing, true, HealthFixture.WAIT);
                for (int i = 0; i < 20; i++) {
                    assertThat(device.pushProperty(thing, "Temperature", 20.0 + i).get(10, TimeUnit.SECONDS).isSuccess())
                            .isTrue();
                }
            }
            EdgeClient intruder = f.device(b -> b.appKey("a-key-the-platform-refuses"), "StatusIntruder-1");
            assertThat(catchThrowable(() -> intruder.connect().get(20, TimeUnit.SECONDS))).isNotNull();
            intruder.abort();
            HealthFixture.await("the intruder's socket closed", () -> f.server.relay().endpoint().openSockets() == 2);
            LoggerFactory.getLogger("org.opencx.server.statuspagetest").warn(WARNING);
            String url = "http://127.0.0.1:" + f.server.healthPort() + "/status";

            ExternalTool.Run dom = chromium.run(BROWSER_TIMEOUT, null, chromiumArgs(tmp.resolve("dom"), "--dump-dom", url));
            assertThat(dom.exitCode()).as("chromium --dump-dom: %s", dom.output()).isZero();
            String version = Objects.requireNonNullElse(ConnectionServer.class.getPackage().getImplementationVersion(),
                    "unknown");
            assertThat(dom.stdout()).contains("<h1 id=\"name\">" + HealthFixture.CS_NAME + "</h1>")
                    .contains("<span id=\"version\">" + version + "</span>")
                    .contains("id=\"verdict\" class=\"verdict up\">UP<")
                    .contains("id=\"edge-connections\">2<", "id=\"bound-things\">2<")
                    .contains("<td>pipes</td><td class=\"ok\">pass</td><td>2 of 2 platform pipes authenticated</td>")
                    .contains("<td>auth_rejected</td><td class=\"n\">1</td>")
                    .contains("org.opencx.server.statuspagetest", "status page test: pump 7 reports &lt;overheating&gt; &amp; more")
                    .doesNotContain(HealthFixture.CS_KEY, HealthFixture.DEVICE_KEY);

            Path png = tmp.resolve("status-page.png");
            ExternalTool.Run shot = chromium.run(BROWSER_TIMEOUT, null,
                    chromiumArgs(tmp.resolve("shot"), "--screenshot=" + png, "--window-size=1200,900", url));
            assertThat(shot.exitCode()).as("chromium --screenshot: %s", shot.output()).isZero();
            assertPng(png, 1200, 900);
            Path kept = Path.of("target", "status-page.png");
            Files.createDirectories(kept.getParent());
            Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A PNG of this size: the signature, then the IHDR chunk's width and height. */
    private static void assertPng(Path png, int width, int height) throws java.io.IOException {
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(java.util.Arrays.copyOf(bytes, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        ByteBuffer ihdr = ByteBuffer.wrap(bytes, 16, 8);
        assertThat(ihdr.getInt()).isEqualTo(width);
        assertThat(ihdr.getInt()).isEqualTo(height);
    }
}

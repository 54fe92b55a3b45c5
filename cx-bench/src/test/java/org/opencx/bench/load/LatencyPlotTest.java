package org.opencx.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency plot from synthetic push reports. */
class LatencyPlotTest {

    @Test
    void drawsEveryPercentileOfTheNumericRuns(@TempDir Path dir) throws IOException {
        List<Path> reports = List.of(
                report(dir, "closed.json", "\"closed loop\"", "pushLatencyMs", 0.2, ""),
                report(dir, "1000.json", "1000.0", "pushLatencyMs", 0.15, baseline(1000, 0.08)),
                report(dir, "4000.json", "4000.0", "pushLatencyMs", 0.4, baseline(4000, 0.1)),
                report(dir, "2000.json", "2000.0", "pushLatencyMs", 0.25, ""));
        Path png = dir.resolve("latency.png");

        LatencyPlot.write(reports, png, "push latency, 2 pipes");

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(560);
        for (Color colour : LatencyPlot.PERCENTILE_COLOURS) {
            assertThat(pixelsOf(image, colour)).as("pixels of %s", colour).isGreaterThan(50);
        }
    }

    @Test
    void fallsBackToTheRoundTrip(@TempDir Path dir) throws IOException {
        List<Path> reports = List.of(report(dir, "rt.json", "500", "pushRoundTripMs", 0.5, ""),
                report(dir, "rt2.json", "1500", "pushRoundTripMs", 0.9, ""));
        Path png = dir.resolve("rt.png");

        LatencyPlot.write(reports, png, "round trip");

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(pixelsOf(image, LatencyPlot.PERCENTILE_COLOURS.get(2))).isGreaterThan(50);
    }

    @Test
    void refusesWhenNoRunHasANumericOfferedLoad(@TempDir Path dir) throws IOException {
        List<Path> reports = List.of(report(dir, "closed.json", "\"closed loop\"", "pushLatencyMs", 0.2, ""));

        assertThatThrownBy(() -> LatencyPlot.write(reports, dir.resolve("none.png"), "nothing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no push report with a numeric offeredPerSec among ");
        assertThat(dir.resolve("none.png")).doesNotExist();
    }

    /** A push report whose p99 and p99.9 are 5 and 20 times its p50. */
    private static Path report(Path dir, String name, String offered, String latencyField, double p50, String baseline)
            throws IOException {
        String json = String.format(Locale.ROOT, "{\"scenario\":\"push\",\"offeredPerSec\":%s,\"platformPerSec\":%s,"
                + "\"%s\":%s%s,\"machine\":{\"cpus\":4}}", offered, offered, latencyField, percentiles(p50), baseline);
        return Files.writeString(dir.resolve(name), json);
    }

    private static String baseline(double offered, double p50) {
        return String.format(Locale.ROOT, ",\"baseline\":{\"offeredPerSec\":%s,\"platformPerSec\":%s,\"pushLatencyMs\":%s}",
                offered, offered, percentiles(p50));
    }

    private static String percentiles(double p50) {
        return String.format(Locale.ROOT, "{\"count\":40000,\"p50\":%s,\"p90\":%s,\"p99\":%s,\"p999\":%s,\"max\":%s,\"mean\":%s}",
                p50, p50 * 2, p50 * 5, p50 * 20, p50 * 40, p50 * 1.5);
    }

    private static long pixelsOf(BufferedImage image, Color colour) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return count;
    }
}

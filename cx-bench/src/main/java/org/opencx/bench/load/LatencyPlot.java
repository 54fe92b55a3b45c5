package org.opencx.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws push latency against offered load, as a PNG: p50, p99 and p99.9 through the Connection Server
 * (solid lines, round markers) and, when any report carries one, of its baseline run direct to the platform
 * (dashed lines, square markers), on a logarithmic latency axis with the 5 ms p99 target marked. Reports
 * whose {@code offeredPerSec} is not a number (a closed-loop run) are skipped. Needs only a headless AWT.
 */
final class LatencyPlot {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The colours of p50, p99 and p99.9, for both kinds of run. */
    static final List<Color> PERCENTILE_COLOURS =
            List.of(new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44));
    private static final List<String> PERCENTILE_FIELDS = List.of("p50", "p99", "p999");
    private static final List<String> PERCENTILE_LABELS = List.of("p50", "p99", "p99.9");
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final Rectangle PLOT = new Rectangle(80, 50, WIDTH - 80 - 30, HEIGHT - 50 - 60);
    private static final double TARGET_MS = 5.0;
    private static final Color TARGET_COLOUR = new Color(214, 39, 40);
    private static final Color GRID_COLOUR = new Color(228, 228, 228);
    private static final Color AXIS_COLOUR = new Color(90, 90, 90);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final DecimalFormat LOAD_FORMAT = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US));
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyPlot() {
    }

    /** One percentile of one kind of run (through the CS or baseline) across the offered loads. */
    private record Series(String label, Color colour, boolean baseline, List<Point2D.Double> points) {
    }

    /**
     * The x axis from 0 to the next tick past the highest load, the y axis over whole decades of
     * milliseconds with one more on top, where the legend sits clear of the points.
     */
    private record Scale(double xMax, double xStep, int lowDecade, int highDecade) {
        static Scale covering(List<Series> series) {
            double maxLoad = Math.max(1, extreme(series, Point2D::getX, true));
            double step = niceStep(maxLoad / 5);
            double minMs = Math.min(TARGET_MS, extreme(series, Point2D::getY, false));
            double maxMs = Math.max(TARGET_MS, extreme(series, Point2D::getY, true));
            return new Scale((Math.floor(maxLoad / step) + 1) * step, step,
                    (int) Math.floor(Math.log10(minMs) + 1e-9), (int) Math.ceil(Math.log10(maxMs) - 1e-9) + 1);
        }

        double x(double load) {
            return PLOT.x + load / xMax * PLOT.width;
        }

        double y(double ms) {
            return PLOT.getMaxY() - (Math.log10(ms) - lowDecade) / (highDecade - lowDecade) * PLOT.height;
        }
    }

    /** Draws latency against offered load for push runs, as a PNG. */
    static void write(List<Path> reports, Path png, String title) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (Path report : reports) {
            JsonNode root = JSON.readTree(report.toFile());
            if (root.path("offeredPerSec").isNumber()) {
                runs.add(root);
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no push report with a numeric offeredPerSec among " + reports);
        }
        List<JsonNode> baselines = runs.stream().map(run -> run.path("baseline")).filter(JsonNode::isObject).toList();
        List<Series> series = new ArrayList<>(series("through the CS", false, runs));
        series.addAll(series("baseline (direct to platform)", true, baselines));
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no pushLatencyMs or pushRoundTripMs percentiles among " + reports);
        }
        boolean roundTrip = runs.stream().anyMatch(run -> !run.has("pushLatencyMs"));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, series, title, roundTrip ? "push round trip latency (ms, log scale)" : "push latency (ms, log scale)");
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static List<Series> series(String kind, boolean baseline, List<JsonNode> runs) {
        List<Series> result = new ArrayList<>();
        for (int i = 0; i < PERCENTILE_FIELDS.size(); i++) {
            String field = PERCENTILE_FIELDS.get(i);
            List<Point2D.Double> points = runs.stream()
                    .filter(run -> run.path("offeredPerSec").isNumber() && latency(run).path(field).asDouble() > 0)
                    .map(run -> new Point2D.Double(run.get("offeredPerSec").asDouble(), latency(run).get(field).asDouble()))
                    .sorted(Comparator.comparingDouble(Point2D::getX))
                    .toList();
            if (!points.isEmpty()) {
                result.add(new Series(PERCENTILE_LABELS.get(i) + " " + kind, PERCENTILE_COLOURS.get(i), baseline, points));
            }
        }
        return result;
    }

    private static JsonNode latency(JsonNode run) {
        return run.has("pushLatencyMs") ? run.get("pushLatencyMs") : run.path("pushRoundTripMs");
    }

    private static double extreme(List<Series> series, ToDoubleFunction<Point2D> coordinate, boolean max) {
        var values = series.stream().flatMap(s -> s.points().stream()).mapToDouble(coordinate).summaryStatistics();
        return max ? values.getMax() : values.getMin();
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static void draw(Graphics2D g, List<Series> series, String title, String yLabel) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Scale scale = Scale.covering(series);
        drawLoadAxis(g, scale);
        drawLatencyAxis(g, scale, yLabel);
        drawTarget(g, scale);
        series.forEach(s -> drawSeries(g, scale, s));
        g.setColor(AXIS_COLOUR);
        g.setStroke(new BasicStroke(1));
        g.draw(PLOT);
        drawLegend(g, series);
        g.setColor(Color.BLACK);
        text(g, TITLE_FONT, title, WIDTH / 2.0, PLOT.y / 2.0, 0.5);
    }

    private static void drawLoadAxis(Graphics2D g, Scale scale) {
        for (int i = 0; i * scale.xStep() <= scale.xMax() + 1e-9; i++) {
            double load = i * scale.xStep();
            double x = scale.x(load);
            gridLine(g, x, PLOT.y, x, PLOT.getMaxY());
            text(g, FONT, LOAD_FORMAT.format(load), x, PLOT.getMaxY() + 14, 0.5);
        }
        text(g, FONT, "offered load (messages per second)", PLOT.getCenterX(), HEIGHT - 18, 0.5);
    }

    private static void drawLatencyAxis(Graphics2D g, Scale scale, String label) {
        for (int decade = scale.lowDecade(); decade <= scale.highDecade(); decade++) {
            double y = scale.y(Math.pow(10, decade));
            gridLine(g, PLOT.x, y, PLOT.getMaxX(), y);
            String value = BigDecimal.valueOf(Math.pow(10, decade)).stripTrailingZeros().toPlainString();
            text(g, FONT, value, PLOT.x - 8, y, 1);
            for (int multiple = 2; multiple < 10 && decade < scale.highDecade(); multiple++) {
                double minorY = scale.y(multiple * Math.pow(10, decade));
                g.draw(new Line2D.Double(PLOT.x, minorY, PLOT.x + 4, minorY));
            }
        }
        AffineTransform unrotated = g.getTransform();
        g.rotate(-Math.PI / 2, 22, PLOT.getCenterY());
        text(g, FONT, label, 22, PLOT.getCenterY(), 0.5);
        g.setTransform(unrotated);
    }

    private static void gridLine(Graphics2D g, double x1, double y1, double x2, double y2) {
        g.setColor(GRID_COLOUR);
        g.setStroke(new BasicStroke(1));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
        g.setColor(AXIS_COLOUR);
    }

    private static void drawTarget(Graphics2D g, Scale scale) {
        double y = scale.y(TARGET_MS);
        g.setColor(TARGET_COLOUR);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.draw(new Line2D.Double(PLOT.x, y, PLOT.getMaxX(), y));
        text(g, FONT, "target p99 < 5 ms", PLOT.getMaxX() - 6, y - 9, 1);
    }

    private static void drawSeries(Graphics2D g, Scale scale, Series series) {
        Path2D.Double line = new Path2D.Double();
        for (Point2D.Double point : series.points()) {
            if (line.getCurrentPoint() == null) {
                line.moveTo(scale.x(point.x), scale.y(point.y));
            } else {
                line.lineTo(scale.x(point.x), scale.y(point.y));
            }
        }
        g.setColor(series.colour());
        g.setStroke(stroke(series));
        g.draw(line);
        series.points().forEach(point -> g.fill(marker(series, scale.x(point.x), scale.y(point.y))));
    }

    private static Stroke stroke(Series series) {
        return series.baseline()
                ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {7, 5}, 0)
                : new BasicStroke(2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static Shape marker(Series series, double x, double y) {
        return series.baseline() ? new Rectangle2D.Double(x - 4, y - 4, 8, 8) : new Ellipse2D.Double(x - 4.5, y - 4.5, 9, 9);
    }

    private static void drawLegend(Graphics2D g, List<Series> series) {
        int padding = 8;
        int row = 18;
        int sample = 36;
        FontMetrics metrics = g.getFontMetrics(FONT);
        int widest = series.stream().mapToInt(s -> metrics.stringWidth(s.label())).max().orElse(0);
        Rectangle box = new Rectangle(PLOT.x + 10, PLOT.y + 10, 3 * padding + sample + widest, 2 * padding + row * series.size());
        g.setColor(new Color(255, 255, 255, 235));
        g.fill(box);
        g.setColor(AXIS_COLOUR);
        g.setStroke(new BasicStroke(1));
        g.draw(box);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double y = box.y + padding + row * (i + 0.5);
            double left = box.x + padding;
            g.setColor(s.colour());
            g.setStroke(stroke(s));
            g.draw(new Line2D.Double(left, y, left + sample, y));
            g.fill(marker(s, left + sample / 2.0, y));
            g.setColor(Color.BLACK);
            text(g, FONT, s.label(), left + sample + padding, y, 0);
        }
    }

    /** Draws text vertically centred on {@code y}, {@code align} of its width left of {@code x} (0 left, 1 right). */
    private static void text(Graphics2D g, Font font, String text, double x, double y, double align) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        float left = (float) (x - metrics.stringWidth(text) * align);
        float baseline = (float) (y + (metrics.getAscent() - metrics.getDescent()) / 2.0);
        g.drawString(text, left, baseline);
    }
}

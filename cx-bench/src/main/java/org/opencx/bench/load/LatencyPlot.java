package org.opencx.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws push latency against offered load as a PNG (JFreeChart): p50, p99 and p99.9 through the
 * Connection Server (solid lines, round markers) and, when any report carries one, of its baseline
 * run direct to the platform (dashed lines, square markers), on a logarithmic latency axis with the
 * 5 ms p99 target marked. Reports whose {@code offeredPerSec} is not a number (a closed-loop run) are
 * skipped. Needs only a headless AWT.
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
    private static final double TARGET_MS = 5.0;
    private static final double EDGE = 1e-9;
    /** Decades as plain numbers: 0.01, 0.1, 1, 10, 100. */
    private static final String DECADE_FORMAT = "0.##########";
    private static final Color TARGET_COLOUR = new Color(214, 39, 40);
    private static final Color GRID_COLOUR = new Color(228, 228, 228);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Stroke SOLID = new BasicStroke(2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {7, 5}, 0);
    private static final Shape CIRCLE = new Ellipse2D.Double(-4.5, -4.5, 9, 9);
    private static final Shape SQUARE = new Rectangle2D.Double(-4, -4, 8, 8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyPlot() {
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
        List<Line> lines = new ArrayList<>(lines("through the CS", false, runs));
        lines.addAll(lines("baseline (direct to platform)", true, baselines));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no pushLatencyMs or pushRoundTripMs percentiles among " + reports);
        }
        boolean roundTrip = runs.stream().anyMatch(run -> !run.has("pushLatencyMs"));
        String yLabel = roundTrip ? "push round trip latency (ms, log scale)" : "push latency (ms, log scale)";
        ChartUtils.saveChartAsPNG(png.toFile(), chart(lines, title, yLabel), WIDTH, HEIGHT);
    }

    /** One percentile of one kind of run (through the CS or baseline) across the offered loads. */
    private record Line(XYSeries series, Color colour, boolean baseline) {
    }

    private static List<Line> lines(String kind, boolean baseline, List<JsonNode> runs) {
        List<Line> result = new ArrayList<>();
        for (int i = 0; i < PERCENTILE_FIELDS.size(); i++) {
            String field = PERCENTILE_FIELDS.get(i);
            XYSeries series = new XYSeries(PERCENTILE_LABELS.get(i) + " " + kind, true, true);
            for (JsonNode run : runs) {
                double ms = latency(run).path(field).asDouble();
                if (run.path("offeredPerSec").isNumber() && ms > 0) {
                    series.add(run.get("offeredPerSec").asDouble(), ms);
                }
            }
            if (!series.isEmpty()) {
                result.add(new Line(series, PERCENTILE_COLOURS.get(i), baseline));
            }
        }
        return result;
    }

    private static JsonNode latency(JsonNode run) {
        return run.has("pushLatencyMs") ? run.get("pushLatencyMs") : run.path("pushRoundTripMs");
    }

    private static JFreeChart chart(List<Line> lines, String title, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < lines.size(); s++) {
            Line line = lines.get(s);
            data.addSeries(line.series());
            renderer.setSeriesPaint(s, line.colour());
            renderer.setSeriesStroke(s, line.baseline() ? DASHED : SOLID);
            renderer.setSeriesShape(s, line.baseline() ? SQUARE : CIRCLE);
        }
        renderer.setLegendLine(new Line2D.Double(-18, 0, 18, 0));
        XYPlot plot = new XYPlot(data, loadAxis(data), latencyAxis(data, yLabel), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID_COLOUR);
        plot.setRangeGridlinePaint(GRID_COLOUR);
        plot.setDomainGridlineStroke(new BasicStroke(1));
        plot.setRangeGridlineStroke(new BasicStroke(1));
        plot.setOutlinePaint(Color.DARK_GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.addRangeMarker(target());

        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(12, 10, 10, 24));
        chart.getTitle().setPadding(new RectangleInsets(0, 0, 12, 0));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        plot.addAnnotation(legendInside(plot));
        return chart;
    }

    /** Offered load from 0 to the next round step past the highest, about 5 steps. */
    private static NumberAxis loadAxis(XYSeriesCollection data) {
        double maxLoad = Math.max(1, data.getDomainUpperBound(false));
        double step = niceStep(maxLoad / 5);
        NumberAxis axis = new NumberAxis("offered load (messages per second)");
        axis.setRange(0, (Math.floor(maxLoad / step) + 1) * step);
        axis.setTickUnit(new NumberTickUnit(step, decimal("#,##0.##")));
        axis.setLabelFont(FONT);
        axis.setTickLabelFont(FONT);
        return axis;
    }

    /**
     * Whole decades of milliseconds covering the points and the target, with one more on top where
     * the legend sits clear of the points; minor ticks at 2 to 9 times each decade.
     */
    private static LogAxis latencyAxis(XYSeriesCollection data, String label) {
        double minMs = Math.min(TARGET_MS, data.getRangeLowerBound(false));
        double maxMs = Math.max(TARGET_MS, data.getRangeUpperBound(false));
        int low = (int) Math.floor(Math.log10(minMs) + 1e-9);
        int high = (int) Math.ceil(Math.log10(maxMs) - 1e-9) + 1;
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        // a hair beyond the decades, so that rounding in log10 keeps their ticks inside the range
        double lower = Math.pow(10, low) * (1 - EDGE);
        axis.setSmallestValue(lower);
        axis.setRange(lower, Math.pow(10, high) * (1 + EDGE));
        axis.setTickUnit(new NumberTickUnit(1, decimal(DECADE_FORMAT), 9));   // 1 decade; minor ticks at 2..9 times it
        axis.setNumberFormatOverride(decimal(DECADE_FORMAT));
        axis.setMinorTickMarksVisible(true);
        axis.setLabelFont(FONT);
        axis.setTickLabelFont(FONT);
        return axis;
    }

    private static ValueMarker target() {
        ValueMarker target = new ValueMarker(TARGET_MS, TARGET_COLOUR,
                new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        target.setLabel("target p99 < 5 ms");
        target.setLabelFont(FONT);
        target.setLabelPaint(TARGET_COLOUR);
        target.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        target.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        target.setLabelOffset(new RectangleInsets(2, 2, 2, 6));
        target.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        target.setAlpha(1f);
        return target;
    }

    /** The legend, one item a line, in the plot's top left corner over the spare decade. */
    private static XYTitleAnnotation legendInside(XYPlot plot) {
        LegendTitle legend = new LegendTitle(plot, new ColumnArrangement(), new ColumnArrangement());
        legend.setItemFont(FONT);
        legend.setBackgroundPaint(new Color(255, 255, 255, 235));
        legend.setFrame(new BlockBorder(Color.DARK_GRAY));
        legend.setPadding(new RectangleInsets(4, 6, 4, 8));
        legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 2));
        return new XYTitleAnnotation(0.012, 0.985, legend, RectangleAnchor.TOP_LEFT);
    }

    private static DecimalFormat decimal(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}

package org.opencx.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A scenario's result: an ordered map printed as a table and written as JSON. */
final class Report {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Report(String scenario, Target target) {
        fields.put("scenario", scenario);
        fields.put("target", target.label());
        fields.put("uri", target.uri().toString());
        fields.put("startedAt", Instant.now().toString());
    }

    Report put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    Map<String, Object> fields() {
        return fields;
    }

    /** p50, p90, p99, p99.9, max, mean in milliseconds and the count, of a histogram in microseconds. */
    static Map<String, Object> latency(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", ms(h.getValueAtPercentile(50)));
        m.put("p90", ms(h.getValueAtPercentile(90)));
        m.put("p99", ms(h.getValueAtPercentile(99)));
        m.put("p999", ms(h.getValueAtPercentile(99.9)));
        m.put("max", ms(h.getMaxValue()));
        m.put("mean", h.getTotalCount() == 0 ? 0.0 : round(h.getMean() / 1000.0));
        return m;
    }

    /** The number at a dotted path such as {@code pushLatencyMs.p99}, or null. */
    Double number(String path) {
        Object v = fields;
        for (String part : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v instanceof Number n ? n.doubleValue() : null;
    }

    /**
     * Puts the baseline's report under {@code baseline} and, under {@code ratio}, this report's
     * figure divided by the baseline's for each path both have.
     */
    void compareWith(Report baseline, java.util.List<String> paths) {
        Map<String, Object> ratio = new LinkedHashMap<>();
        for (String p : paths) {
            Double mine = number(p);
            Double theirs = baseline.number(p);
            if (mine != null && theirs != null && theirs != 0) {
                ratio.put(p, round(mine / theirs));
            }
        }
        fields.put("baseline", baseline.fields);
        fields.put("ratio", ratio);
    }

    /** Whether the run's devices used TLS. */
    static boolean tls(Target t) {
        return "wss".equals(t.uri().getScheme());
    }

    static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("generatorMaxHeapBytes", Runtime.getRuntime().maxMemory());
        m.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return m;
    }

    void printTable(PrintStream out) {
        out.println();
        print(out, "", fields);
        out.println();
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintStream out, String prefix, Map<String, Object> m) {
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
                print(out, prefix + k + ".", (Map<String, Object>) sub);
            } else {
                out.printf("  %-40s %s%n", prefix + k, v instanceof Map<?, ?> ? "-" : v);
            }
        });
    }

    void writeJson(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), fields);
    }
}

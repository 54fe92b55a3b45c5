package org.opencx.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A few counters read from the Connection Server's Prometheus {@code /metrics} (text format 0.0.4). */
final class MetricsScrape {
    static final String MOVED = "cxserver_edge_sessions_moved_total";
    static final String REPLAYED = "cxserver_edge_sessions_replayed_total";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private MetricsScrape() {
    }

    /** Each named metric, summed over its labels (0 when absent). */
    static Map<String, Double> read(URI metrics, List<String> names) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(metrics + " answered " + r.statusCode());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, 0.0));
        for (String line : r.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            String name = end < 0 ? line : line.substring(0, end);
            if (out.containsKey(name)) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                out.merge(name, Double.parseDouble(value), Double::sum);
            }
        }
        return out;
    }

    /** {@code after} minus {@code before}, per name. */
    static Map<String, Object> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Object> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, Math.round(v - before.getOrDefault(k, 0.0))));
        return d;
    }
}

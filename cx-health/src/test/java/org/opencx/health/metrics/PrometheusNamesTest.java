package org.opencx.health.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The Prometheus names promtool accepts; the Micrometer names stay the reference product's. */
class PrometheusNamesTest {
    private final PrometheusNames names = new PrometheusNames();

    @Test
    void camelCaseWordsAreSplit() {
        assertThat(names.name("cxserver.alwayson.endpointmanager.totalConnectionsMeter", Meter.Type.COUNTER, null))
                .isEqualTo("cxserver_alwayson_endpointmanager_total_connections_meter");
        assertThat(names.name("cxserver.alwayson.endpoint.overMaxMessageSize", Meter.Type.COUNTER, null))
                .isEqualTo("cxserver_alwayson_endpoint_over_max_message_size");
        assertThat(names.name("cxserver.jvm.memory_usage.non-heap.used", Meter.Type.GAUGE, "bytes"))
                .isEqualTo("cxserver_jvm_memory_usage_non_heap_used_bytes");
    }

    @Test
    void timersAreInSeconds() {
        assertThat(names.name("cxserver.requests.round_trip", Meter.Type.TIMER, null))
                .isEqualTo("cxserver_requests_round_trip_seconds");
    }

    @Test
    void aGaugeNeverEndsLikeAHistogramSeries() {
        assertThat(names.name("system.cpu.count", Meter.Type.GAUGE, null)).isEqualTo("system_cpu_count_value");
        assertThat(names.name("jvm.buffer.count", Meter.Type.GAUGE, "buffers")).isEqualTo("jvm_buffer_count_buffers");
        assertThat(names.name("cxserver.edge.sessions", Meter.Type.GAUGE, null)).isEqualTo("cxserver_edge_sessions");
    }

    @Test
    void theRegistryScrapesWithTheseNamesWithoutSubSecondUnitsAndKeepsMicrometersNames() {
        PrometheusMeterRegistry r = PrometheusRegistries.create();
        try {
            FunctionCounter.builder("cxserver.alwayson.endpointmanager.totalConnectionsMeter", this, x -> 3).register(r);
            Gauge.builder("system.cpu.count", () -> 2).register(r);
            FunctionCounter.builder("process.cpu.time", this, x -> 5e9).baseUnit("ns").register(r);
            assertThat(r.scrape()).contains("cxserver_alwayson_endpointmanager_total_connections_meter_total 3.0",
                    "system_cpu_count_value 2.0").doesNotContain("totalConnectionsMeter", "process_cpu_time");
            assertThat(r.find("cxserver.alwayson.endpointmanager.totalConnectionsMeter").functionCounter()).isNotNull();
        } finally {
            r.close();
        }
    }
}

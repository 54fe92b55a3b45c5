package org.opencx.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.health.metrics.JvmMetrics;
import org.opencx.health.metrics.PrometheusRegistries;

/** {@code /metrics}: Prometheus text that parses, the reference product's JVM names, counters that move. */
class MetricsRouteTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JvmMetrics jvm;
    private HealthServer server;
    private HealthHttp http;

    @BeforeEach
    void start() {
        jvm = JvmMetrics.bindTo(registry);
        server = HealthServer.builder().host("127.0.0.1").port(0).sources(new FakeSources()).metrics(registry).start();
        http = new HealthHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        jvm.close();
        registry.close();
    }

    private PrometheusText scrape() {
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        return PrometheusText.parse(r.body());
    }

    @Test
    void theScrapeParsesAndEveryFamilyHasHelpAndType() {
        PrometheusText text = scrape();
        assertThat(text.samples()).hasSizeGreaterThan(20);
        assertThat(text.types()).isNotEmpty();
        assertThat(text.help().keySet()).containsAll(text.types().keySet());
    }

    @Test
    void theReferenceProductsJvmMemoryNamesAreThere() {
        PrometheusText text = scrape();
        for (String area : new String[] {"total", "heap", "non_heap"}) {
            for (String what : new String[] {"init", "used", "committed", "max"}) {
                assertThat(text.has("cxserver_jvm_memory_usage_" + area + "_" + what + "_bytes")).as(area + " " + what).isTrue();
            }
        }
        assertThat(text.value("cxserver_jvm_memory_usage_heap_used_bytes")).isPositive();
        assertThat(text.value("cxserver_jvm_memory_usage_total_used_bytes"))
                .isGreaterThanOrEqualTo(text.value("cxserver_jvm_memory_usage_heap_used_bytes"));
        // And Micrometer's standard JVM binders.
        assertThat(text.has("jvm_memory_used_bytes")).isTrue();
        assertThat(text.has("jvm_threads_live_threads")).isTrue();
        assertThat(text.has("process_uptime_seconds")).isTrue();
    }

    @Test
    void aCounterMovesBetweenScrapes() {
        Counter c = Counter.builder("cxserver.test.events").tag("kind", "request").register(registry);
        assertThat(scrape().value("cxserver_test_events_total", "kind", "request")).isZero();
        c.increment(3);
        assertThat(scrape().value("cxserver_test_events_total", "kind", "request")).isEqualTo(3.0);
    }

    @Test
    void thePrometheusRegistryIsFoundInsideAComposite() {
        var composite = new io.micrometer.core.instrument.composite.CompositeMeterRegistry();
        composite.add(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        composite.add(registry);
        assertThat(PrometheusRegistries.find(composite)).containsSame(registry);
        assertThat(PrometheusRegistries.find(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())).isEmpty();
    }
}

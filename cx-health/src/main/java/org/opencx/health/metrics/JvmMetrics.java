package org.opencx.health.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's meters: the reference product's {@code cxserver.jvm.memory_usage.*} and Micrometer's
 * standard binders ({@code jvm.memory.*}, {@code jvm.gc.*}, {@code jvm.threads.*},
 * {@code jvm.classes.*}, {@code process.*}, {@code system.cpu.*}). Close it to stop the GC listener.
 */
public final class JvmMetrics implements AutoCloseable {
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private JvmMetrics() {
    }

    public static JvmMetrics bindTo(MeterRegistry registry) {
        JvmMetrics m = new JvmMetrics();
        new ReferenceJvmMemory().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        m.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return m;
    }

    @Override
    public void close() {
        gc.close();
    }
}

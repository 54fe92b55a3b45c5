package org.opencx.health.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.function.ToLongFunction;

/**
 * The reference product's JVM memory gauges (Dropwizard's memory gauge set under
 * {@code cxserver.jvm.memory_usage}): {@code total}, {@code heap} and {@code non-heap}, each
 * {@code init}, {@code used}, {@code committed} and {@code max}, in bytes. A {@code max} the JVM
 * does not define is -1; {@code total.max} is -1 when either part's is.
 */
public final class ReferenceJvmMemory implements MeterBinder {
    public static final String PREFIX = "cxserver.jvm.memory_usage.";
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Override
    public void bindTo(MeterRegistry registry) {
        part(registry, "heap", () -> memory.getHeapMemoryUsage());
        part(registry, "non-heap", () -> memory.getNonHeapMemoryUsage());
        total(registry, "init", MemoryUsage::getInit);
        total(registry, "used", MemoryUsage::getUsed);
        total(registry, "committed", MemoryUsage::getCommitted);
        total(registry, "max", MemoryUsage::getMax);
    }

    private void part(MeterRegistry registry, String area, java.util.function.Supplier<MemoryUsage> usage) {
        gauge(registry, area + ".init", () -> usage.get().getInit(), "initial " + area + " memory");
        gauge(registry, area + ".used", () -> usage.get().getUsed(), area + " memory in use");
        gauge(registry, area + ".committed", () -> usage.get().getCommitted(), area + " memory committed by the JVM");
        gauge(registry, area + ".max", () -> usage.get().getMax(), "largest " + area + " memory (-1: undefined)");
    }

    private void total(MeterRegistry registry, String what, ToLongFunction<MemoryUsage> f) {
        gauge(registry, "total." + what, () -> {
            long heap = f.applyAsLong(memory.getHeapMemoryUsage());
            long nonHeap = f.applyAsLong(memory.getNonHeapMemoryUsage());
            return heap < 0 || nonHeap < 0 ? -1 : heap + nonHeap;
        }, "heap and non-heap memory, " + what);
    }

    private static void gauge(MeterRegistry registry, String name, java.util.function.LongSupplier value, String help) {
        Gauge.builder(PREFIX + name, value::getAsLong).baseUnit(BaseUnits.BYTES).description(help)
                .strongReference(true).register(registry);
    }
}

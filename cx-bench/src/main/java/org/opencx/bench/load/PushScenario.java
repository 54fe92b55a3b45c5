package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PropertyValue;

/**
 * {@code push}: N sessions each push a property value (UpdateSubscribedPropertyValues, as the C
 * SDK does) {@code --rate} times a second (0: closed loop) for {@code --warmup} and then
 * {@code --duration}.
 *
 * <p>With the platform hosted here, each value carries its send time on this JVM's clock and the
 * platform, on the same clock, times its arrival: the <b>one-way push latency</b> (device send to
 * platform receipt, {@code pushLatencyMs}) and the messages per second <b>counted at the
 * platform</b> ({@code platformPerSec}). Always measured as well: the device's <b>round trip</b>
 * (request sent to response received; the platform answers after storing the value).
 */
final class PushScenario implements Scenario {
    private static final Profile PROFILE = new Profile("N sessions each push --rate values a second (default 1; 0: "
            + "closed loop) for --warmup, then --duration (default 20s); --value-size B sends a STRING of B bytes instead of "
            + "a NUMBER; --server-pid PID (through the CS, with --platform-port; Linux) adds the server's CPU time per "
            + "round trip counted at the platform",
            List.of("platformPerSec", "okPerSec", "pushLatencyMs.p50", "pushLatencyMs.p99", "pushRoundTripMs.p99"),
            Duration.ofSeconds(20), 1, false);

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public Report run(Common o, Target t, PrintStream out) throws Exception {
        Report r = new Report("push", t);
        PacedLoad.describe(r, o, t);
        r.put("valueSize", o.valueSize());
        Sessions s = Sessions.open(o, t, r, out);
        List<EdgeClient> clients = s.clients();
        Values values = new Values(o.valueSize());
        Arrivals arrivals = new Arrivals(t.prefix(), values);
        if (t.platform() != null) {
            t.platform().arrivals(arrivals);
        }
        PacedLoad load = new PacedLoad(o.count(), o.rate(), i -> clients.get(i).isConnected(),
                i -> clients.get(i).pushProperty(s.thing(i), Sessions.PROPERTY, values.next())
                        .thenCompose(Sessions::succeeded));
        ServerCpuWindow cpu = ServerCpuWindow.of(o, t);
        PacedLoad.Window w;
        try {
            w = load.run(o.warmup(), o.duration(), o.requestTimeout(), out, () -> {
                cpu.open();
                arrivals.counting.set(true);
            }, () -> {
                arrivals.counting.set(false);
                cpu.close();
            });
        } finally {
            if (t.platform() != null) {
                t.platform().arrivals(null);
            }
        }
        load.report(r, w);
        if (t.platform() != null) {
            var oneWay = arrivals.latency.getIntervalHistogram();
            r.put("platformReceived", oneWay.getTotalCount())
                    .put("platformPerSec", Report.round(oneWay.getTotalCount() / w.seconds()))
                    .put("platformUnreadable", arrivals.unreadable.sum())
                    .put("pushLatencyMs", Report.latency(oneWay));
            cpu.report(r, oneWay.getTotalCount(), w.seconds());
        }
        r.put("pushRoundTripMs", Report.latency(w.latency()))
                .put("latencyMeasures", t.platform() == null
                        ? "pushRoundTripMs: device send to its response (no hosted platform: no one-way figure)"
                        : "pushLatencyMs: device send to platform receipt (one JVM clock); "
                                + "pushRoundTripMs: device send to its response");
        s.closeAll(Duration.ofSeconds(30));
        r.put("machine", Report.machine());
        return r;
    }

    /** The pushed values: each carries its send time, nanoseconds since {@code base} on this JVM's clock. */
    static final class Values {
        private final long base = System.nanoTime();
        private final String padding;

        Values(int size) {
            this.padding = size > 0 ? "x".repeat(size) : null;
        }

        /** A NUMBER, or with a value size a STRING of that length: {@code <nanos>:xxxx...}. */
        Object next() {
            long nanos = System.nanoTime() - base;
            if (padding == null) {
                return (double) nanos;
            }
            String head = nanos + ":";
            return head + padding.substring(Math.min(padding.length(), head.length()));
        }

        /** Microseconds from the value's send to now, or -1 when it carries no send time. */
        long microsSince(Primitive value) {
            Object v = value.javaValue();
            long sentAt;
            if (v instanceof Number n) {
                sentAt = n.longValue();
            } else if (v instanceof String text && text.indexOf(':') > 0) {
                try {
                    sentAt = Long.parseLong(text, 0, text.indexOf(':'), 10);
                } catch (NumberFormatException e) {
                    return -1;
                }
            } else {
                return -1;
            }
            return Math.max(1, (System.nanoTime() - base - sentAt) / 1000);
        }
    }

    /** The platform's side: counts and times the values of this run's things while the window is open. */
    static final class Arrivals implements HostedPlatform.Arrivals {
        final AtomicBoolean counting = new AtomicBoolean();
        final Recorder latency = new Recorder(3);
        final LongAdder unreadable = new LongAdder();
        private final String prefix;
        private final Values values;

        Arrivals(String prefix, Values values) {
            this.prefix = prefix;
            this.values = values;
        }

        @Override
        public void arrived(String thing, PropertyValue value) {
            if (!counting.get() || !thing.startsWith(prefix) || !Sessions.PROPERTY.equals(value.name())) {
                return;
            }
            long micros = values.microsSince(value.value());
            if (micros > 0) {
                latency.recordValue(micros);
            } else {
                unreadable.increment();
            }
        }
    }
}

package org.opencx.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.opencx.alwayson.Primitive;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;
import org.opencx.testkit.platform.ThingView;

/**
 * {@code slowreader}: N busy devices, each read by the hosted platform {@code --rate} times a
 * second, and one more device that stops reading its socket while the platform writes to it
 * ({@code --value-size} bytes a write, 64 KiB by default, {@link #WRITES_PER_SECOND} a second): the
 * server queues what it cannot write to that socket and closes it once the queue passes its
 * {@code max-queued-bytes}. The others' read latency is measured in three windows: before the
 * slow reader's writes start, while they go on (until its socket is closed), and after.
 */
final class SlowReaderScenario implements Scenario {
    private static final Profile PROFILE = new Profile("N devices read --rate times a second (default 5) by the hosted "
            + "platform, and one that stops reading while the platform writes to it (--value-size, default 64k, 16 a "
            + "second): the others' latency before, while and after the server closes it; --duration is each of the "
            + "windows before and after (default 10s); needs --platform-port",
            List.of("before.readLatencyMs.p99", "after.readLatencyMs.p99"), Duration.ofSeconds(10), 5, true);
    /** Writes a second to the slow reader. */
    static final int WRITES_PER_SECOND = 16;
    static final int DEFAULT_WRITE_BYTES = 64 * 1024;
    static final String SLOW_THING = "SlowReader";
    static final String BLOB = "Blob";
    /** The longest the slow reader may take to be closed. */
    static final Duration CLOSE_LIMIT = Duration.ofSeconds(60);

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public Report run(Common o, Target t, PrintStream out) throws Exception {
        Report r = new Report("slowreader", t);
        PacedLoad.describe(r, o, t);
        int writeBytes = o.valueSize() > 0 ? o.valueSize() : DEFAULT_WRITE_BYTES;
        r.put("slowReaderWriteBytes", writeBytes).put("slowReaderWritesPerSec", WRITES_PER_SECOND);
        Sessions s = Sessions.open(o, t, r, out);
        List<EdgeClient> clients = s.clients();
        ReferencePlatform platform = t.platform().platform();
        EdgeClient slow = slowReader(o, t);
        PacedLoad load = new PacedLoad(o.count(), o.rate(), i -> clients.get(i).isConnected(),
                i -> platform.readProperty(s.thing(i), Sessions.PROPERTY));
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(daemon -> {
            Thread th = new Thread(daemon, "slow-reader-writer");
            th.setDaemon(true);
            return th;
        });
        Map<String, Object> windows = new LinkedHashMap<>();
        LongAdder writes = new LongAdder();
        try {
            load.begin();
            Thread.sleep(o.warmup().toMillis());
            load.cut();
            out.println(t.label() + ": measuring " + o.duration().toSeconds() + " s before the slow reader");
            Thread.sleep(o.duration().toMillis());
            windows.put("before", window(load.cut()));

            slow.pauseReading();
            Primitive blob = Primitive.string("x".repeat(writeBytes));
            writer.scheduleAtFixedRate(() -> {
                writes.increment();
                platform.writeProperty(SLOW_THING, BLOB, blob);
            }, 0, 1_000_000 / WRITES_PER_SECOND, TimeUnit.MICROSECONDS);
            long t0 = System.nanoTime();
            long deadline = t0 + CLOSE_LIMIT.toNanos();
            // The device reads nothing, so it cannot see its close: the platform does (the server unbinds its thing).
            while (bound(platform) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double closedAfter = (System.nanoTime() - t0) / 1e9;
            writer.shutdownNow();
            windows.put("while", window(load.cut()));
            boolean closed = !bound(platform);
            r.put("slowReaderClosed", closed)
                    .put("slowReaderClosedAfterSeconds", Report.round(closedAfter))
                    .put("slowReaderWrites", writes.sum())
                    .put("slowReaderBytesWritten", writes.sum() * writeBytes);
            out.println(t.label() + ": slow reader " + (closed ? "closed" : "still open") + " after "
                    + Report.round(closedAfter) + " s; measuring " + o.duration().toSeconds() + " s after");

            Thread.sleep(o.duration().toMillis());
            windows.put("after", window(load.cut()));
            load.end(o.requestTimeout());
        } finally {
            writer.shutdownNow();
            slow.abort();
        }
        windows.forEach(r::put);
        r.put("failures", load.failures().snapshot())
                .put("latencyMeasures", "readLatencyMs: the platform's read sent to the device's answer received, "
                        + "the busy devices only");
        s.closeAll(Duration.ofSeconds(30));
        r.put("machine", Report.machine());
        return r;
    }

    /** The device that will stop reading: bound, not reconnecting, pinging seldom (its pongs would go unread). */
    private static EdgeClient slowReader(Common o, Target t) throws Exception {
        EdgeClient.Builder b = EdgeClient.builder(t.uri()).appKey(o.appKey()).thing(SLOW_THING).reconnect(false)
                .pingInterval(Duration.ofMinutes(10)).requestTimeout(o.requestTimeout());
        if ("wss".equals(t.uri().getScheme())) {
            b.trustAll();
        }
        EdgeClient c = b.build();
        c.thing(SLOW_THING).property(BLOB, "");
        c.connect().get(30, TimeUnit.SECONDS);
        return c;
    }

    private static boolean bound(ReferencePlatform platform) {
        return platform.thing(SLOW_THING).map(ThingView::connected).orElse(false);
    }

    private static Map<String, Object> window(PacedLoad.Window w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", Report.round(w.seconds()));
        m.put("ok", w.ok());
        m.put("failed", w.failed());
        m.put("okPerSec", Report.round(w.ok() / w.seconds()));
        m.put("readLatencyMs", Report.latency(w.latency()));
        return m;
    }
}

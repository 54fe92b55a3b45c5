package org.opencx.testkit.socket;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The I/O threads, buffers and timer that every client of one JVM shares, so that a thousand edge
 * clients cost a handful of threads, not thousands. Created on first use; daemon threads.
 */
public final class SharedRuntime {
    private static volatile SharedRuntime instance;

    private final XnioWorker worker;
    private final ByteBufferPool buffers;
    private final ScheduledExecutorService timer;

    private SharedRuntime() {
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        try {
            worker = Xnio.getInstance().createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.WORKER_TASK_CORE_THREADS, 2)
                    .set(Options.WORKER_TASK_MAX_THREADS, 8)
                    .set(Options.WORKER_NAME, "alwayson-client")
                    .set(Options.THREAD_DAEMON, true)
                    .set(Options.TCP_NODELAY, true)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffers = new DefaultByteBufferPool(true, 16 * 1024);
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "alwayson-client-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // A request answered in time cancels its deadline: gone at once, not kept (with what it holds)
        // until it would have run. Thousands of requests a second otherwise hold megabytes.
        scheduler.setRemoveOnCancelPolicy(true);
        timer = scheduler;
    }

    public static SharedRuntime get() {
        SharedRuntime r = instance;
        if (r == null) {
            synchronized (SharedRuntime.class) {
                r = instance;
                if (r == null) {
                    r = new SharedRuntime();
                    instance = r;
                }
            }
        }
        return r;
    }

    public XnioWorker worker() {
        return worker;
    }

    public ByteBufferPool buffers() {
        return buffers;
    }

    /** For deadlines and periodic work; tasks must be short and never block. */
    public ScheduledExecutorService timer() {
        return timer;
    }
}

package org.opencx.transport;

import io.undertow.connector.ByteBufferPool;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.xnio.XnioWorker;

/**
 * What every platform pipe is opened with: the relay's I/O threads, buffers, timer and counters,
 * and the TLS context for {@code wss} nodes (null when there is none).
 */
record PipeResources(XnioWorker worker, ByteBufferPool buffers, SSLContext tls, ScheduledExecutorService timer,
                     TransportCounters counters, Clock clock) {
}

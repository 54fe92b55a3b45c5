package org.opencx.testkit.cli;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.opencx.testkit.edge.EdgeClient;

/**
 * N simulated devices, one EdgeClient and one thing each ({@code prefix0 .. prefixN-1}), each with a
 * property {@code Temperature} whose value drifts and is pushed on every {@link #pushAll()}.
 */
final class DeviceFleet {
    static final String PROPERTY = "Temperature";
    /** Connections opened at once; the next batch starts when this one settled. */
    static final int CONNECT_BATCH = 100;
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

    private final List<EdgeClient> clients = new ArrayList<>();
    private final LongAdder pushesOk = new LongAdder();
    private final LongAdder pushesFailed = new LongAdder();
    private long round;

    /** The settings of a fleet, as the command line gave them. */
    record Settings(URI uri, String appKey, int count, String prefix, boolean compression, boolean trustAll) {
    }

    DeviceFleet(Settings s) {
        SSLContext tls = null;
        if ("wss".equals(s.uri().getScheme())) {
            try {
                tls = s.trustAll() ? null : SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default TLS context", e);
            }
        }
        for (int i = 0; i < s.count(); i++) {
            EdgeClient.Builder b = EdgeClient.builder(s.uri()).appKey(s.appKey()).thing(s.prefix() + i)
                    .compression(s.compression());
            if (s.trustAll()) {
                b.trustAll();
            } else if (tls != null) {
                b.sslContext(tls);
            }
            EdgeClient c = b.build();
            c.thing(s.prefix() + i).property(PROPERTY, temperature(i, 0));
            clients.add(c);
        }
    }

    /** Connects every device, a batch at a time; returns how many are connected. */
    int connect() {
        for (int from = 0; from < clients.size(); from += CONNECT_BATCH) {
            List<CompletableFuture<Void>> batch = clients.subList(from, Math.min(clients.size(), from + CONNECT_BATCH))
                    .stream().map(EdgeClient::connect).toList();
            try {
                CompletableFuture.allOf(batch.stream().map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new))
                        .get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // Devices still connecting count as not connected for now.
            }
        }
        return connected();
    }

    /** One push of a new value by every connected device; the outcome is counted when it comes. */
    void pushAll() {
        round++;
        for (int i = 0; i < clients.size(); i++) {
            EdgeClient c = clients.get(i);
            if (!c.isConnected()) {
                continue;
            }
            String thing = c.settings().thingNames().get(0);
            c.pushProperty(thing, PROPERTY, temperature(i, round)).whenComplete((r, e) -> {
                if (e == null && r.isSuccess()) {
                    pushesOk.increment();
                } else {
                    pushesFailed.increment();
                }
            });
        }
    }

    /** A plausible reading: 20 degrees, a per-device offset, a slow swing. */
    static double temperature(int device, long round) {
        double v = 20 + (device % 10) + 5 * Math.sin((round + device) / 10.0);
        return Math.round(v * 100) / 100.0;
    }

    int size() {
        return clients.size();
    }

    int connected() {
        return (int) clients.stream().filter(EdgeClient::isConnected).count();
    }

    long pushesOk() {
        return pushesOk.sum();
    }

    long pushesFailed() {
        return pushesFailed.sum();
    }

    /** Every device's deliberate disconnect (UNBIND, then close), all at once; waits for them. */
    void disconnect(Duration wait) {
        EdgeClient.disconnectAll(clients, wait);
    }
}

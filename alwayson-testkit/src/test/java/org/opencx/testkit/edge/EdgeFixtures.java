package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.PlatformListener;
import org.opencx.testkit.platform.PropertyValue;
import org.opencx.testkit.platform.PlatformRequestException;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * What the EdgeClient tests share: the application key, the upper bound of every wait, a platform
 * builder and a client builder with short timeouts, and future helpers that never hang.
 */
final class EdgeFixtures {
    /** Distinctive enough that a log line containing it cannot be a coincidence. */
    static final String KEY = "e7c1a9d2-key-4b3f-9e8a-5d6c7b8a9f01";
    /** The longest any test waits for something that should happen at once. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private EdgeFixtures() {
    }

    /** A platform that accepts {@link #KEY}, not started. */
    static PlatformBuilder platform() {
        return ReferencePlatform.builder().appKey(KEY);
    }

    static ReferencePlatform started(PlatformBuilder builder) {
        ReferencePlatform p = builder.build();
        p.start();
        return p;
    }

    /** A client of these things with {@link #KEY}, a 5 s request timeout and a fast reconnection. */
    static EdgeClient.Builder client(URI uri, String... things) {
        EdgeClient.Builder b = EdgeClient.builder(uri).appKey(KEY)
                .requestTimeout(Duration.ofSeconds(5))
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100));
        for (String t : things) {
            b.thing(t);
        }
        return b;
    }

    /** Connects the client and waits until it is authenticated and bound. */
    static EdgeClient connected(EdgeClient client) {
        get(client.connect());
        return client;
    }

    /** The future's value, failing the test if it fails or takes longer than {@link #WAIT}. */
    static <T> T get(CompletableFuture<T> f) {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("nothing within " + WAIT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Why the future failed, failing the test if it succeeds or takes longer than {@link #WAIT}. */
    static Throwable failure(CompletableFuture<?> f) {
        try {
            f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("neither success nor failure within " + WAIT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("it succeeded");
    }

    /** The status the device answered a platform request with (the request must have failed). */
    static int deviceStatus(CompletableFuture<?> f) {
        Throwable t = failure(f);
        assertThat(t).isInstanceOf(PlatformRequestException.class);
        PlatformRequestException e = (PlatformRequestException) t;
        assertThat(e.origin()).as("who refused: %s", e).isEqualTo(PlatformRequestException.Origin.DEVICE);
        return e.code();
    }

    /** Waits for a platform state, failing the test after {@link #WAIT}. */
    static void await(ReferencePlatform platform, String what, java.util.function.BooleanSupplier condition) {
        try {
            platform.awaitState(WAIT, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("not reached within " + WAIT.toMillis() + " ms: " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Completes a thing's future when the platform stored its first pushed values, after it
     * answered the push: the end of the synchronisation that follows a BIND (spec 7.4). A test that
     * waits for it sends nothing while the platform is still sending synchronisation messages.
     */
    static final class FirstPushes implements PlatformListener {
        private final Map<String, CompletableFuture<Void>> pushed = new ConcurrentHashMap<>();

        CompletableFuture<Void> of(String thing) {
            return pushed.computeIfAbsent(thing, t -> new CompletableFuture<>());
        }

        @Override
        public void onValues(String thing, List<PropertyValue> values) {
            of(thing).complete(null);
        }
    }

    static boolean connected(ReferencePlatform platform, String thing) {
        return platform.thing(thing).map(v -> v.connected()).orElse(false);
    }
}

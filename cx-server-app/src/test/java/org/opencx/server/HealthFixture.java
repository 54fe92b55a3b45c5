package org.opencx.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.opencx.config.CxServerSettings;
import org.opencx.config.EdgeEndpointSettings;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.PlatformSettings;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.RoutingSettings;
import org.opencx.health.HealthHttp;
import org.opencx.health.PrometheusText;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.ReferencePlatform;

/**
 * A reference platform and an embedded Connection Server on loopback with its health port on an
 * ephemeral port, pipes that reconnect within half a second, and the devices a test makes.
 */
final class HealthFixture implements AutoCloseable {
    static final String CS_KEY = "cs-key-health-test-4e1d9a";
    static final String DEVICE_KEY = "device-key-health-test-b7c2";
    static final String CS_NAME = "HealthCx";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int PIPES = 2;

    final ReferencePlatform platform;
    final ConnectionServer server;
    final HealthHttp http;
    private final List<EdgeClient> devices = new ArrayList<>();

    private HealthFixture(ReferencePlatform platform, ConnectionServer server) {
        this.platform = platform;
        this.server = server;
        this.http = new HealthHttp(server.healthPort());
    }

    /** The default settings, changed by {@code settings}; the platform changed by {@code platformSetup}. */
    static HealthFixture start(UnaryOperator<PlatformBuilder> platformSetup, UnaryOperator<CxServerSettings> settings,
                               UnaryOperator<ConnectionServer.Builder> builder) throws Exception {
        ReferencePlatform platform = platformSetup.apply(ReferencePlatform.builder()
                .appKey(CS_KEY).appKey(DEVICE_KEY).autoCreateThings(true)).build();
        platform.start();
        PlatformSettings d = PlatformSettings.defaults(platform.wsUri(), CS_KEY, CS_NAME);
        PlatformSettings link = new PlatformSettings(d.platforms(), CS_KEY, CS_NAME, PIPES, d.pingRate(),
                d.idleReadTimeout(), d.highWaterMark(), d.lowWaterMark(), Duration.ofSeconds(2), Duration.ofMillis(50),
                Duration.ofMillis(500), d.authTimeout());
        CxServerSettings s = settings.apply(new CxServerSettings(EdgeEndpointSettings.DEFAULTS.withListener("127.0.0.1", 0),
                EdgeTlsSettings.disabled(), link, PlatformTlsSettings.DEFAULTS, RoutingSettings.DEFAULTS, 0,
                Duration.ofSeconds(5)));
        ConnectionServer server = builder.apply(ConnectionServer.builder().settings(s)).build();
        try {
            server.start().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            platform.close();
            throw e;
        }
        return new HealthFixture(platform, server);
    }

    static HealthFixture start() throws Exception {
        return start(p -> p, s -> s, b -> b);
    }

    URI edgeUri() {
        return URI.create("ws://127.0.0.1:" + server.edgePort() + "/Thingworx/WS");
    }

    /** A device for the server, not reconnecting, aborted on close. */
    EdgeClient device(UnaryOperator<EdgeClient.Builder> setup, String thing) {
        EdgeClient c = setup.apply(EdgeClient.builder(edgeUri()).appKey(DEVICE_KEY).thing(thing).reconnect(false)).build();
        c.thing(thing).property("Temperature", 20.5);
        synchronized (devices) {
            devices.add(c);
        }
        return c;
    }

    PrometheusText scrape() {
        var r = http.get("/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        return PrometheusText.parse(r.body());
    }

    static void await(String what, BooleanSupplier condition) throws TimeoutException, InterruptedException {
        Awaitility.await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        synchronized (devices) {
            devices.forEach(EdgeClient::abort);
        }
        server.close();
        platform.close();
    }
}

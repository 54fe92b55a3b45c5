package org.opencx.server;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;

/**
 * The demo's service in a device's network: a small web page, "hello from &lt;thing&gt;", on a
 * loopback port of the device's host (the demo's process). Only a tunnel through the Connection
 * Server reaches it from elsewhere; the demo prints the command that opens one.
 */
final class DemoDevicePage implements AutoCloseable {
    private final Undertow server;

    private DemoDevicePage(Undertow server) {
        this.server = server;
    }

    /** Serves the page of {@code thing} on 127.0.0.1, on a free port. */
    static DemoDevicePage start(String thing) {
        String page = "hello from " + thing + "\n";
        Undertow u = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(1)
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
                    exchange.getResponseSender().send(page);
                }).build();
        u.start();
        return new DemoDevicePage(u);
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The page's address in the device's network, {@code 127.0.0.1:port}: a tunnel's target. */
    String target() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop();
    }
}

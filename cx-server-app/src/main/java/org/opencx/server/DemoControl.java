package org.opencx.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster demo's own routes (plain text, loopback only, no key: a demo's toy), to see the
 * cluster at work: {@code GET /nodes}, {@code POST /nodes/{n}/stop} (the node leaves ZooKeeper, then
 * stops), {@code POST /nodes/{n}/start} and {@code GET /devices}.
 */
final class DemoControl implements AutoCloseable {
    private static final Pattern NODE = Pattern.compile("/nodes/([0-9]+)/(stop|start)");

    private final HttpServer server;
    private final ExecutorService threads;

    private DemoControl(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port). */
    static DemoControl start(int port, ClusterDemo demo) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        ExecutorService threads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/nodes", ex -> nodes(ex, demo));
        server.createContext("/devices", ex -> reply(ex, "GET", 200, demo.devicesText()));
        server.start();
        return new DemoControl(server, threads);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void nodes(HttpExchange ex, ClusterDemo demo) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/nodes") || path.equals("/nodes/")) {
            reply(ex, "GET", 200, demo.nodesText());
            return;
        }
        Matcher m = NODE.matcher(path);
        if (!m.matches()) {
            reply(ex, null, 404, "no such route: " + path + "\n");
            return;
        }
        int n = Integer.parseInt(m.group(1));
        if (n < 1 || n > demo.nodeCount()) {
            reply(ex, "POST", 404, "no node " + n + " (1 to " + demo.nodeCount() + ")\n");
            return;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            reply(ex, "POST", 405, "POST it\n");
            return;
        }
        try {
            String done = m.group(2).equals("stop") ? demo.stopNode(n) : demo.startNode(n);
            reply(ex, "POST", 200, done + "\n");
        } catch (Exception e) {
            reply(ex, "POST", 500, "node " + n + ": " + e.getMessage() + "\n");
        }
    }

    private static void reply(HttpExchange ex, String method, int status, String text) throws IOException {
        int code = method != null && !method.equals(ex.getRequestMethod()) ? 405 : status;
        byte[] body = (code == 405 && status != 405 ? method + " only\n" : text).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

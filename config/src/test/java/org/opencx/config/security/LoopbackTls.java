package org.opencx.config.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A real TLS connection on loopback: an {@link SSLServerSocket} from the server context's
 * factory accepts one client from the client context's factory; each side sends one byte.
 */
final class LoopbackTls {
    private static final int TIMEOUT_MS = 10_000;

    private LoopbackTls() {
    }

    /**
     * Connects to the server as {@code host} (which must resolve to loopback).
     *
     * @return the client's session
     * @throws IOException when either side refuses
     */
    static SSLSession connect(SSLContext server, SSLContext client, String host) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MS);
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> serveOne(listener));
            SSLSession session;
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(host, listener.getLocalPort())) {
                socket.setSoTimeout(TIMEOUT_MS);
                OutputStream out = socket.getOutputStream();
                out.write(1);
                out.flush();
                if (socket.getInputStream().read() != 2) {
                    throw new IOException("the server closed the connection");
                }
                session = socket.getSession();
            }
            awaitServer(accepted);
            return session;
        }
    }

    private static void serveOne(SSLServerSocket listener) {
        try (SSLSocket s = (SSLSocket) listener.accept()) {
            s.setSoTimeout(TIMEOUT_MS);
            InputStream in = s.getInputStream();
            if (in.read() == 1) {
                s.getOutputStream().write(2);
                s.getOutputStream().flush();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitServer(CompletableFuture<Void> accepted) throws Exception {
        try {
            accepted.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IOException("the server did not finish", e);
        }
    }
}

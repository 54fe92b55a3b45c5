package org.opencx.config.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Runs a TLS handshake between two engines in memory, as a server and its client would over a
 * socket, then sends a few bytes each way (TLS 1.3 reports some failures only then).
 */
final class Handshake {
    private static final int BUFFER = 1 << 17;

    private final SSLEngine client;
    private final SSLEngine server;
    private final ByteBuffer toServer = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer toClient = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer clientApp = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer serverApp = ByteBuffer.allocate(BUFFER);

    private Handshake(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
    }

    /**
     * @return the client's session
     * @throws SSLException from whichever side refused
     */
    static SSLSession run(SSLEngine client, SSLEngine server) throws SSLException {
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        return new Handshake(client, server).run();
    }

    private SSLSession run() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        pumpUntilQuiet();
        if (client.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                || server.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
            throw new SSLException("handshake stalled");
        }
        send(client, "ping", toServer);
        send(server, "pong", toClient);
        pumpUntilQuiet();
        expect(serverApp, "ping");
        expect(clientApp, "pong");
        return client.getSession();
    }

    private void pumpUntilQuiet() throws SSLException {
        for (int i = 0; i < 100; i++) {
            boolean moved = step(client, toClient, toServer, clientApp);
            moved |= step(server, toServer, toClient, serverApp);
            if (!moved) {
                return;
            }
        }
        throw new SSLException("handshake does not settle");
    }

    private static boolean step(SSLEngine e, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
        boolean moved = false;
        in.flip();
        while (in.hasRemaining()) {
            int consumed = e.unwrap(in, app).bytesConsumed();
            runTasks(e);
            if (consumed == 0) {
                break;
            }
            moved = true;
        }
        in.compact();
        while (true) {
            int produced = e.wrap(ByteBuffer.allocate(0), out).bytesProduced();
            runTasks(e);
            if (produced == 0) {
                break;
            }
            moved = true;
        }
        return moved;
    }

    private static void runTasks(SSLEngine e) {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static void send(SSLEngine e, String text, ByteBuffer out) throws SSLException {
        e.wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), out);
    }

    private static void expect(ByteBuffer app, String text) throws SSLException {
        app.flip();
        String got = StandardCharsets.US_ASCII.decode(app).toString();
        app.clear();
        if (!got.equals(text)) {
            throw new SSLException("expected " + text + " but got " + got);
        }
    }
}

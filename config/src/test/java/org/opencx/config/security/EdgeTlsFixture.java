package org.opencx.config.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.KeyStoreRef;

/** Edge TLS settings over the test keys, written under a test's temporary directory. */
final class EdgeTlsFixture {
    private final Path dir;

    EdgeTlsFixture(Path dir) {
        this.dir = dir;
    }

    EdgeTlsSettings settings(ClientAuthentication auth, List<String> additionalSuites) throws IOException {
        KeyStoreRef keys = TestPki.keyStore(dir, "server.p12", TestPki.LOCALHOST);
        KeyStoreRef clients = TestPki.trustStore(dir, "clients.p12", TestPki.CLIENT_CA);
        return new EdgeTlsSettings(true, keys, auth, clients, List.of(), List.of(), additionalSuites);
    }

    ServerTls server(ClientAuthentication auth) throws IOException {
        return ServerTls.forEdge(settings(auth, List.of()));
    }
}

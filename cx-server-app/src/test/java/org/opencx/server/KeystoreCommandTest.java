package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.Secret;
import org.opencx.config.security.ClientTls;
import org.opencx.config.security.KeyStoreGenerator;
import org.opencx.config.security.ServerTls;

class KeystoreCommandTest {
    private static final String PASSWORD = "cmd-store-pass-55";
    private static final Map<String, String> ENV = Map.of("KS_PW", PASSWORD);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private CommandRun run(String... args) {
        return CommandRun.main("keystore", InputStream.nullInputStream(), ENV, List.of(args));
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    /** A TLS handshake on a loopback socket (a byte each way after it); the client's view of the server. */
    private static Principal peerOverLoopback(SSLContext server, SSLContext client) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            listener.setSoTimeout((int) WAIT.toMillis());
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().write(1);
                    s.getInputStream().read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(loopback, listener.getLocalPort())) {
                s.setSoTimeout((int) WAIT.toMillis());
                assertThat(s.getInputStream().read()).isEqualTo(1);
                s.getOutputStream().write(1);
                served.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return s.getSession().getPeerPrincipal();
            }
        }
    }

    @Test
    void writesAKeyStoreAndATrustStoreThatWorkTogether() throws Exception {
        Path keys = dir.resolve("server.p12");
        Path trust = dir.resolve("trust.p12");

        CommandRun r = run("keystore", "--out", keys.toString(), "--password-env", "KS_PW", "--cn", "localhost",
                "--san", "localhost,127.0.0.1", "--days", "30", "--trust-out", trust.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + keys).contains("CN=localhost").contains("SAN localhost,127.0.0.1")
                .contains("SHA-256 fingerprint").contains("wrote " + trust);
        assertThat(r.both()).doesNotContain(PASSWORD);
        X509Certificate cert = (X509Certificate) load(keys).getCertificate(KeyStoreGenerator.ALIAS);
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(load(trust).isCertificateEntry(KeyStoreGenerator.ALIAS)).isTrue();

        ServerTls server = ServerTls.forEdge(new EdgeTlsSettings(true, new KeyStoreRef(keys, Secret.of(PASSWORD), null),
                ClientAuthentication.NONE, null, List.of(), List.of(), List.of()));
        ClientTls client = ClientTls.forPlatform(new PlatformTlsSettings(new KeyStoreRef(trust, Secret.of(PASSWORD), null), true));
        assertThat(peerOverLoopback(server.context(), client.context()).getName()).isEqualTo("CN=localhost");
    }

    @Test
    void thePasswordMayComeFromAFileAndTheKeyMayBeEc() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, PASSWORD + "\n");
        Path keys = dir.resolve("ec.p12");

        CommandRun r = run("--out", keys.toString(), "--password-file", pw.toString(), "--key", "ec");

        assertThat(r.exit()).as(r.err()).isZero();
        X509Certificate cert = (X509Certificate) load(keys).getCertificate(KeyStoreGenerator.ALIAS);
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"));
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForce() throws Exception {
        Path keys = dir.resolve("server.p12");
        Files.writeString(keys, "old");

        CommandRun refused = run("--out", keys.toString(), "--password-env", "KS_PW");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("exists; pass --force");
        assertThat(Files.readString(keys)).isEqualTo("old");

        assertThat(run("--out", keys.toString(), "--password-env", "KS_PW", "--force").exit()).isZero();
        assertThat(load(keys).size()).isEqualTo(1);
    }

    @Test
    void anUnsetPasswordVariableFails() {
        CommandRun r = run("--out", dir.resolve("k.p12").toString(), "--password-env", "NOT_SET");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no password in environment variable NOT_SET");
        assertThat(dir.resolve("k.p12")).doesNotExist();
    }

    @Test
    void usageErrorsExitTwoWithTheUsage() {
        String out = dir.resolve("k.p12").toString();
        List<List<String>> bad = List.of(
                List.of(),
                List.of("--password-env", "KS_PW"),
                List.of("--out", out),
                List.of("--out", out, "--password-env", "KS_PW", "--password-file", "f"),
                List.of("--out", out, "--password-env", "KS_PW", "--days", "many"),
                List.of("--out", out, "--password-env", "KS_PW", "--days", "0"),
                List.of("--out", out, "--password-env", "KS_PW", "--key", "dsa"),
                List.of("--out", out, "--password-env", "KS_PW", "--san", "no such name"),
                List.of("--out", out, "--password-env", "KS_PW", "--colour", "red"),
                List.of("--out", out, "--password-env", "KS_PW", "extra"),
                List.of("--out"));
        for (List<String> args : bad) {
            CommandRun r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(args.toString()).isEqualTo(2);
            assertThat(r.err()).as(args.toString()).contains("usage: connection-server keystore");
        }
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        CommandRun r = run("keystore", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("usage: connection-server keystore");
    }
}

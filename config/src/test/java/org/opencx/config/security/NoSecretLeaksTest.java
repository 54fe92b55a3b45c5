package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.ClientAuthentication;
import org.opencx.config.EdgeTlsSettings;
import org.opencx.config.KeyStoreRef;
import org.opencx.config.PlatformTlsSettings;
import org.opencx.config.Secret;

/**
 * Runs every path that handles a secret, the failing ones included, and looks for the secrets in
 * the log, the commands' output, exception messages (causes too) and toString().
 */
class NoSecretLeaksTest {
    private static final String STORE_PW = "leak-store-pw-314159";
    private static final String WRONG_PW = "leak-wrong-pw-271828";
    private static final String MASTER = "leak-master-161803";
    private static final String WRONG_MASTER = "leak-wrong-master-141421";
    private static final String APP_KEY = "leak-app-key-173205";
    private static final List<String> SECRETS = List.of(STORE_PW, WRONG_PW, MASTER, WRONG_MASTER, APP_KEY);

    @TempDir
    Path dir;
    private final List<String> seen = new ArrayList<>();

    private void attempt(ThrowingRunnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            seen.add(trace.toString());
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void command(CommandRun r) {
        seen.add(r.out());
        seen.add(r.err());
    }

    @Test
    void noSecretAppearsAnywhere() throws Exception {
        try (LogCapture log = new LogCapture()) {
            keyStoresAndTls();
            secretStoreAndCommands();
            seen.add(log.all());
        }
        assertThat(seen).isNotEmpty();
        for (String text : seen) {
            for (String secret : SECRETS) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    private void keyStoresAndTls() throws Exception {
        Path keys = dir.resolve("server.p12");
        Path trust = dir.resolve("trust.p12");
        Map<String, String> env = Map.of("PW", STORE_PW);
        command(CommandRun.of((out, err) -> KeystoreCommand.run(List.of("--out", keys.toString(), "--password-env", "PW",
                "--trust-out", trust.toString()), out, err, env, TestPki.GENERATOR)));
        command(CommandRun.of((out, err) -> KeystoreCommand.run(List.of("--out", keys.toString(), "--password-env", "PW"),
                out, err, env, TestPki.GENERATOR)));

        for (String pw : List.of(STORE_PW, WRONG_PW)) {
            KeyStoreRef keyRef = new KeyStoreRef(keys, Secret.of(pw), "PKCS12");
            KeyStoreRef trustRef = new KeyStoreRef(trust, Secret.of(pw), "PKCS12");
            EdgeTlsSettings edge = new EdgeTlsSettings(true, keyRef, ClientAuthentication.REQUIRED, trustRef,
                    List.of(), List.of(), List.of());
            PlatformTlsSettings platform = new PlatformTlsSettings(trustRef, false);
            seen.add(keyRef.toString());
            seen.add(edge.toString());
            seen.add(platform.toString());
            seen.add(Secret.of(pw).toString());
            attempt(() -> seen.add(ServerTls.forEdge(edge).toString()));
            attempt(() -> seen.add(ClientTls.forPlatform(platform).toString()));
            attempt(() -> KeyStores.load(new KeyStoreRef(keys, Secret.of(pw), "JKS")));
        }
    }

    private void secretStoreAndCommands() throws Exception {
        Path file = dir.resolve("cxserver.secrets");
        Map<String, String> env = Map.of("CX_SERVER_MASTER_PASSWORD", MASTER);
        Map<String, String> wrongEnv = Map.of("CX_SERVER_MASTER_PASSWORD", WRONG_MASTER);
        for (Map<String, String> e : List.of(env, wrongEnv)) {
            for (List<String> args : List.of(List.of("set", "app-key", "--file", file.toString()),
                    List.of("list", "--file", file.toString()), List.of("remove", "nope", "--file", file.toString()))) {
                command(CommandRun.of((out, err) -> SecretsCommand.run(args,
                        new ByteArrayInputStream((APP_KEY + "\n").getBytes(StandardCharsets.UTF_8)), out, err, e)));
            }
        }
        SecretStore store = SecretStore.open(file, MASTER.toCharArray());
        seen.add(store.toString());
        seen.add(new SecretStoreResolver(store).toString());
        seen.add(store.get("app-key").orElseThrow().toString());
        attempt(() -> SecretStore.open(file, WRONG_MASTER.toCharArray()));

        String text = Files.readString(file);
        String sealed = text.lines().filter(l -> l.startsWith("secret.app-key=")).findFirst().orElseThrow().substring(15);
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        Files.writeString(file, text.replace(sealed, Base64.getEncoder().encodeToString(bytes)));
        attempt(() -> SecretStore.open(file, MASTER.toCharArray()).get("app-key"));
        attempt(() -> new SecretStoreResolver(SecretStore.open(file, MASTER.toCharArray())).resolve("app-key"));

        Path masterFile = dir.resolve("master");
        Files.writeString(masterFile, MASTER);
        attempt(() -> MasterPassword.find(Map.of("CX_SERVER_MASTER_PASSWORD", MASTER,
                "CX_SERVER_MASTER_PASSWORD_FILE", masterFile.toString())));
        seen.add(MasterPassword.fromEnvironment(Map.of("CX_SERVER_MASTER_PASSWORD_FILE", masterFile.toString())).toString());
    }
}

package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
 * the log, exception messages (causes too) and toString(). (The launcher's keystore and secrets
 * commands, and their output, are cx-server-app's NoSecretInCommandOutputTest.)
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

    @Test
    void noSecretAppearsAnywhere() throws Exception {
        try (LogCapture log = new LogCapture()) {
            keyStoresAndTls();
            secretStore();
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
        GeneratedKey key = TestPki.LOCALHOST;
        KeyStoreGenerator.write(key.keyStore(KeyStoreGenerator.ALIAS, STORE_PW.toCharArray()), keys, STORE_PW.toCharArray());
        KeyStoreGenerator.write(key.trustStore(KeyStoreGenerator.ALIAS), trust, STORE_PW.toCharArray());

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

    private void secretStore() throws Exception {
        Path file = dir.resolve("cxserver.secrets");
        SecretStore created = SecretStore.openOrCreate(file, MASTER.toCharArray());
        created.put("app-key", Secret.of(APP_KEY));
        created.save();
        attempt(() -> SecretStore.openOrCreate(file, WRONG_MASTER.toCharArray()));
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

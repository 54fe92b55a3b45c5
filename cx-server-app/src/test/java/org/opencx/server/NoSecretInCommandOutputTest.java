package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launcher's keystore and secrets commands, the failing paths included (a file that
 * exists, a wrong master password, a name that is not there), and looks for the secrets in their
 * output and in the log. (config's NoSecretLeaksTest covers the library underneath.)
 */
class NoSecretInCommandOutputTest {
    private static final String STORE_PW = "leak-store-pw-314159";
    private static final String MASTER = "leak-master-161803";
    private static final String WRONG_MASTER = "leak-wrong-master-141421";
    private static final String APP_KEY = "leak-app-key-173205";
    private static final List<String> SECRETS = List.of(STORE_PW, MASTER, WRONG_MASTER, APP_KEY);

    @TempDir
    Path dir;
    private final List<String> seen = new ArrayList<>();

    private void command(CommandRun r) {
        seen.add(r.out());
        seen.add(r.err());
    }

    @Test
    void noSecretAppearsInTheOutputOrTheLog() {
        try (CapturedLog log = new CapturedLog()) {
            keystore();
            secrets();
            seen.add(log.text());
        }
        assertThat(seen).isNotEmpty();
        for (String text : seen) {
            for (String secret : SECRETS) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    private void keystore() {
        Path keys = dir.resolve("server.p12");
        Path trust = dir.resolve("trust.p12");
        Map<String, String> env = Map.of("PW", STORE_PW);
        command(CommandRun.main("keystore", InputStream.nullInputStream(), env,
                List.of("--out", keys.toString(), "--password-env", "PW", "--trust-out", trust.toString())));
        command(CommandRun.main("keystore", InputStream.nullInputStream(), env,
                List.of("--out", keys.toString(), "--password-env", "PW")));
    }

    private void secrets() {
        Path file = dir.resolve("cxserver.secrets");
        Map<String, String> env = Map.of("CX_SERVER_MASTER_PASSWORD", MASTER);
        Map<String, String> wrongEnv = Map.of("CX_SERVER_MASTER_PASSWORD", WRONG_MASTER);
        for (Map<String, String> e : List.of(env, wrongEnv)) {
            for (List<String> args : List.of(List.of("set", "app-key", "--file", file.toString()),
                    List.of("list", "--file", file.toString()), List.of("remove", "nope", "--file", file.toString()))) {
                command(CommandRun.main("secrets", new ByteArrayInputStream((APP_KEY + "\n").getBytes(StandardCharsets.UTF_8)),
                        e, args));
            }
        }
    }
}

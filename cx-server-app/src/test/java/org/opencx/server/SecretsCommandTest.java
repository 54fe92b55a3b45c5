package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.security.SecretStore;
import org.opencx.config.security.SecretStoreResolver;

class SecretsCommandTest {
    private static final String MASTER = "cmd-master-8086";
    private static final String APP_KEY = "app-key-value-0c0ffee";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("cxserver.secrets");
    }

    private CommandRun run(String stdin, Map<String, String> env, String... args) {
        return CommandRun.main("secrets", new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env,
                List.of(args));
    }

    private CommandRun run(String stdin, String... args) {
        return run(stdin, Map.of("CX_SERVER_MASTER_PASSWORD", MASTER), args);
    }

    @Test
    void aSecretSetByTheCommandResolvesThroughTheResolver() throws Exception {
        CommandRun set = run(APP_KEY + "\nignored second line\n", "secrets", "set", "app-key", "--file", file().toString());

        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("stored app-key in " + file()).contains("(new store)");
        assertThat(set.both()).doesNotContain(APP_KEY);
        SecretStoreResolver resolver = new SecretStoreResolver(SecretStore.open(file(), MASTER.toCharArray()));
        assertThat(resolver.resolve("app-key")).contains(APP_KEY);
    }

    @Test
    void listPrintsNamesOnlyAndSetReplaces() {
        run(APP_KEY + "\n", "set", "app-key", "--file", file().toString());
        run("pw-1\n", "set", "edge.keystore.password", "--file=" + file());
        CommandRun replaced = run("pw-2\n", "set", "edge.keystore.password", "--file", file().toString());

        CommandRun list = run("", "list", "--file", file().toString());

        assertThat(replaced.out()).startsWith("replaced edge.keystore.password");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).isEqualTo("app-key\nedge.keystore.password\n");
        assertThat(list.both() + replaced.both()).doesNotContain(APP_KEY).doesNotContain("pw-1").doesNotContain("pw-2");
    }

    @Test
    void removeDeletesAndAMissingNameFails() throws Exception {
        run(APP_KEY + "\n", "set", "app-key", "--file", file().toString());

        assertThat(run("", "remove", "app-key", "--file", file().toString()).out()).startsWith("removed app-key");
        CommandRun again = run("", "remove", "app-key", "--file", file().toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("no secret app-key");
        assertThat(SecretStore.open(file(), MASTER.toCharArray()).names()).isEmpty();
    }

    @Test
    void theMasterPasswordMayComeFromAFile() throws Exception {
        Path master = dir.resolve("master");
        Files.writeString(master, MASTER + "\n");

        CommandRun r = run(APP_KEY + "\n", Map.of("CX_SERVER_MASTER_PASSWORD_FILE", master.toString()),
                "set", "app-key", "--file", file().toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(SecretStore.open(file(), MASTER.toCharArray()).get("app-key").orElseThrow().reveal()).isEqualTo(APP_KEY);
    }

    @Test
    void failuresExitOneWithAReason() {
        run(APP_KEY + "\n", "set", "app-key", "--file", file().toString());

        CommandRun noMaster = run("", Map.of(), "list", "--file", file().toString());
        assertThat(noMaster.exit()).isEqualTo(1);
        assertThat(noMaster.err()).contains("CX_SERVER_MASTER_PASSWORD_FILE");

        CommandRun wrongMaster = run("", Map.of("CX_SERVER_MASTER_PASSWORD", "nope"), "list", "--file", file().toString());
        assertThat(wrongMaster.exit()).isEqualTo(1);
        assertThat(wrongMaster.err()).contains("wrong master password");

        CommandRun noValue = run("", "set", "other", "--file", file().toString());
        assertThat(noValue.exit()).isEqualTo(1);
        assertThat(noValue.err()).contains("no value for other on stdin");

        CommandRun noFile = run("", "list", "--file", dir.resolve("absent").toString());
        assertThat(noFile.exit()).isEqualTo(1);
        assertThat(noFile.err()).contains("absent does not exist");
    }

    @Test
    void usageErrorsExitTwoWithTheUsage() {
        List<List<String>> bad = List.of(List.of(), List.of("secrets"), List.of("show", "x"), List.of("set"),
                List.of("set", "a", "b"), List.of("list", "a"), List.of("remove"), List.of("set", "bad/name"),
                List.of("list", "--file"), List.of("list", "--verbose"));
        for (List<String> args : bad) {
            CommandRun r = run("v\n", args.toArray(String[]::new));
            assertThat(r.exit()).as(args.toString()).isEqualTo(2);
            assertThat(r.err()).as(args.toString()).contains("usage: connection-server secrets set NAME");
        }
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        CommandRun r = run("", Map.of(), "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("usage: connection-server secrets set NAME");
    }
}

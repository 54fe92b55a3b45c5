package org.opencx.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencx.cli.OptionChecks;
import org.opencx.config.Secret;
import org.opencx.config.security.MasterPassword;
import org.opencx.config.security.SecretStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code secrets}: sets, lists and removes the secrets of a {@link SecretStore}, with the master
 * password from the environment ({@link MasterPassword}). A value is read from stdin and never
 * printed. Exit codes: 0 done, 1 failed, 2 usage error.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        customSynopsis = {
            "${COMMAND-FULL-NAME} set NAME [--file FILE]",
            "       ${COMMAND-FULL-NAME} list [--file FILE]",
            "       ${COMMAND-FULL-NAME} remove NAME [--file FILE]"},
        description = {"Stores the app key and passwords encrypted: set stores a secret, its value the first line of "
                + "stdin (never printed); list prints the secrets' names; remove deletes one. The master password comes "
                + "from " + MasterPassword.VARIABLE + ", or from the first line of the file "
                + MasterPassword.FILE_VARIABLE + " names."})
final class SecretsCommand implements Callable<Integer> {
    static final String DEFAULT_FILE = "cxserver.secrets";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ACTION", description = "set, list or remove")
    String action;
    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "the secret: 1-128 letters, digits, '.', '_' or '-'")
    String name;
    @Option(names = "--file", defaultValue = DEFAULT_FILE, paramLabel = "FILE",
            description = "the secrets file (default ${DEFAULT-VALUE})")
    Path file;

    /** @param in where {@code set} reads the value; @param env where the master password is looked for */
    SecretsCommand(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        checkShape();
        char[] master = null;
        try {
            master = MasterPassword.fromEnvironment(env).chars();
            switch (action) {
                case "set" -> set(file, master, name, in, out);
                case "list" -> SecretStore.open(file, master).names().forEach(out::println);
                default -> remove(file, master, name, out);
            }
            return ExitCode.OK.code();
        } catch (NoSuchFileException e) {
            err.println("secrets: " + file + " does not exist");
            return ExitCode.FAILURE.code();
        } catch (IOException | RuntimeException e) {
            err.println("secrets: " + e.getMessage());
            return ExitCode.FAILURE.code();
        } finally {
            if (master != null) {
                Arrays.fill(master, '\0');
            }
        }
    }

    private void checkShape() {
        boolean takesName = switch (action) {
            case "set", "remove" -> true;
            case "list" -> false;
            default -> throw OptionChecks.fail(spec, "unknown action " + action + " (set, list or remove)");
        };
        if (takesName != (name != null)) {
            throw OptionChecks.fail(spec, takesName ? action + " takes one NAME" : "list takes no NAME");
        }
        if (takesName && !SecretStore.validName(name)) {
            throw OptionChecks.fail(spec, "secret names are 1-128 letters, digits, '.', '_' or '-'");
        }
    }

    private static void set(Path file, char[] master, String name, InputStream in, PrintStream out) throws IOException {
        String value = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no value for " + name + " on stdin (one line is read)");
        }
        boolean created = !Files.exists(file);
        SecretStore store = SecretStore.openOrCreate(file, master);
        boolean replaced = store.names().contains(name);
        store.put(name, Secret.of(value));
        store.save();
        out.println((replaced ? "replaced " : "stored ") + name + " in " + file + (created ? " (new store)" : ""));
    }

    private static void remove(Path file, char[] master, String name, PrintStream out) throws IOException {
        SecretStore store = SecretStore.open(file, master);
        if (!store.remove(name)) {
            throw new IllegalArgumentException("no secret " + name + " in " + file);
        }
        store.save();
        out.println("removed " + name + " from " + file);
    }
}

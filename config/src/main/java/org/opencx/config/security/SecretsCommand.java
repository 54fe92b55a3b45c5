package org.opencx.config.security;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencx.config.Secret;

/**
 * {@code secrets}: sets, lists and removes the secrets of a {@link SecretStore}, with the master
 * password from the environment ({@link MasterPassword}). A value is read from stdin and never
 * printed. Exit codes: 0 done, 1 failed, 2 usage error.
 */
public final class SecretsCommand {
    public static final String DEFAULT_FILE = "cxserver.secrets";
    static final String USAGE = """
            usage: secrets set NAME [--file FILE]      store a secret; its value is the first line of stdin
                   secrets list [--file FILE]          print the secrets' names
                   secrets remove NAME [--file FILE]   delete a secret
              FILE is cxserver.secrets unless given. The master password comes from
              CX_SERVER_MASTER_PASSWORD, or from the first line of the file CX_SERVER_MASTER_PASSWORD_FILE names.
            """;

    private SecretsCommand() {
    }

    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        if (CommandArgs.wantsHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        CommandArgs a;
        try {
            a = CommandArgs.parse(args, "secrets", Set.of("file"), Set.of());
            checkShape(a.words());
        } catch (CommandArgs.UsageException e) {
            err.println("secrets: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path file = Path.of(a.option("file", DEFAULT_FILE));
        String action = a.words().get(0);
        char[] master = null;
        try {
            master = MasterPassword.fromEnvironment(env).chars();
            switch (action) {
                case "set" -> set(file, master, a.words().get(1), in, out);
                case "list" -> SecretStore.open(file, master).names().forEach(out::println);
                default -> remove(file, master, a.words().get(1), out);
            }
            return 0;
        } catch (NoSuchFileException e) {
            err.println("secrets: " + file + " does not exist");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("secrets: " + e.getMessage());
            return 1;
        } finally {
            if (master != null) {
                Arrays.fill(master, '\0');
            }
        }
    }

    private static void checkShape(List<String> words) throws CommandArgs.UsageException {
        if (words.isEmpty()) {
            throw new CommandArgs.UsageException("set, list or remove?");
        }
        int expected = switch (words.get(0)) {
            case "set", "remove" -> 2;
            case "list" -> 1;
            default -> throw new CommandArgs.UsageException("unknown action " + words.get(0));
        };
        if (words.size() != expected) {
            throw new CommandArgs.UsageException(expected == 2 ? words.get(0) + " takes one NAME" : "list takes no NAME");
        }
        if (expected == 2 && !SecretFile.validName(words.get(1))) {
            throw new CommandArgs.UsageException("secret names are 1-128 letters, digits, '.', '_' or '-'");
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

package org.opencx.server;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a command printed and returned. */
record CommandRun(int exit, String out, String err) {
    interface Body {
        int run(PrintStream out, PrintStream err);
    }

    static CommandRun of(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = body.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code connection-server <command> args} through the launcher; {@code args} may start with
     * the command word already.
     */
    static CommandRun main(String command, InputStream in, Map<String, String> env, List<String> args) {
        List<String> line = new ArrayList<>();
        if (args.isEmpty() || !args.get(0).equals(command)) {
            line.add(command);
        }
        line.addAll(args);
        return of((out, err) -> Main.run(line, in, out, err, env, false));
    }

    String both() {
        return out + err;
    }
}

package org.opencx.cli;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad command line: one line {@code <command>: <what is wrong>} on stderr, then the usage of
 * that (sub)command, and the exit code for invalid input (2). Picocli calls it for what it finds
 * while parsing, and for a {@link ParameterException} a command throws from its own checks.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(name(cmd.getCommandSpec()) + ": " + problem(ex));
        cmd.usage(err, cmd.getColorScheme());
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The command as typed after the program's name ({@code secrets}), or the program's name alone. */
    static String name(CommandSpec spec) {
        if (spec.parent() == null) {
            return spec.name();
        }
        Deque<String> names = new ArrayDeque<>();
        for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
            names.addFirst(s.name());
        }
        return String.join(" ", names);
    }

    /**
     * Picocli's message, with an argument it could not place said in words, and not capitalised.
     * An argument it could not place comes first: a mistyped option also leaves the real one
     * missing, and picocli reports the missing one.
     */
    static String problem(ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : cmd.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            if (first.startsWith("-") && first.length() > 1) {
                int eq = first.indexOf('=');
                return "unknown option: " + (eq > 0 ? first.substring(0, eq) : first);
            }
            CommandSpec spec = cmd.getCommandSpec();
            boolean takesWords = !spec.positionalParameters().isEmpty();
            return (spec.subcommands().isEmpty() || takesWords ? "unexpected argument: " : "unknown command: ") + first;
        }
        String message = String.valueOf(ex.getMessage());
        boolean sentence = message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1));
        return sentence ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
    }
}

package org.opencx.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one setup of the project's command lines (the launcher, the testkit's, the load
 * generator's), so that they read and answer alike:
 * <ul>
 * <li>{@code -h}/{@code --help} and {@code -V}/{@code --version} on every command and
 *     subcommand ({@code mixinStandardHelpOptions = true}, checked here), the version from
 *     {@link Version}, the usage headed {@code usage:} with the options in the order declared;
 * <li>a bad command line exits with 2: one line {@code <command>: <what is wrong>} and that
 *     command's usage on stderr ({@link UsageErrorHandler}); an option given twice is one, unless
 *     it is a repeatable (list) option;
 * <li>durations read as HOCON does ({@link HoconDuration}, for every {@link Duration} option) and
 *     so do sizes ({@link HoconSize}, named by each size option);
 * <li>an exception out of a command: one line and exit code 1 ({@link CommandFailureHandler}),
 *     unless the program sets its own handler.
 * </ul>
 */
public final class Cli {
    private Cli() {
    }

    /** A command line for {@code command} and the subcommands its annotation names, set up. */
    public static CommandLine create(Object command, PrintStream out, PrintStream err) {
        return setUp(new CommandLine(command), out, err);
    }

    /**
     * Sets up {@code root} and every subcommand it has now: call it once every subcommand was
     * added.
     *
     * @throws IllegalStateException when a command lacks {@code mixinStandardHelpOptions = true}
     */
    public static CommandLine setUp(CommandLine root, PrintStream out, PrintStream err) {
        String program = root.getCommandSpec().name();
        forEach(root, c -> style(c.getCommandSpec(), program));
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        root.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        root.setOverwrittenOptionsAllowed(false);
        root.registerConverter(Duration.class, new HoconDuration());
        root.setParameterExceptionHandler(new UsageErrorHandler());
        root.setExecutionExceptionHandler(new CommandFailureHandler());
        return root;
    }

    /**
     * A subcommand declared as a {@code @Command} method of {@code instance}, run on that instance
     * (picocli would make a new one). Add these in the order the usage should list them.
     */
    public static CommandLine method(Object instance, String methodName) {
        List<Method> methods = CommandLine.getCommandMethods(instance.getClass(), methodName);
        if (methods.size() != 1) {
            throw new IllegalArgumentException(instance.getClass() + " has " + methods.size() + " @Command methods "
                    + methodName);
        }
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls.isInstance(instance) ? cls.cast(instance) : CommandLine.defaultFactory().create(cls);
            }
        };
        return new CommandLine(methods.get(0), factory);
    }

    /** What a program's command does when it is run without a subcommand it needs. */
    public static ParameterException missingCommand(CommandSpec spec) {
        return OptionChecks.fail(spec, "missing command: " + String.join(", ", spec.subcommands().keySet()) + "?");
    }

    private static void style(CommandSpec spec, String program) {
        if (!spec.mixinStandardHelpOptions() && !spec.helpCommand()) {
            throw new IllegalStateException("command '" + spec.qualifiedName() + "' needs mixinStandardHelpOptions = true");
        }
        spec.versionProvider(() -> new String[] {program + " " + Version.current()});
        spec.usageMessage().synopsisHeading("usage: ").sortOptions(false).sortSynopsis(false)
                .descriptionHeading("%n").commandListHeading("%ncommands:%n").optionListHeading("%noptions:%n")
                .parameterListHeading("%n");
    }

    private static void forEach(CommandLine c, Consumer<CommandLine> action) {
        action.accept(c);
        c.getSubcommands().values().forEach(sub -> forEach(sub, action));
    }
}

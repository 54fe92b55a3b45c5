package org.opencx.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A program with one subcommand, {@code wait}, that has an option of every kind the project uses. */
@Command(name = "sample", mixinStandardHelpOptions = true, subcommands = {SampleCommand.Wait.class, SampleCommand.Needs.class,
        HelpCommand.class})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw Cli.missingCommand(spec);
    }

    /** What the last run of {@code wait} was given. */
    static Wait last;

    /** A command with a required option. */
    @Command(name = "needs", mixinStandardHelpOptions = true)
    static final class Needs implements Callable<Integer> {
        @Option(names = "--name", required = true)
        String name;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "wait", mixinStandardHelpOptions = true, description = "waits")
    static final class Wait implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--for", defaultValue = "1s", description = "how long (" + HoconDuration.FORMS + ")")
        Duration duration;
        @Option(names = "--buffer", defaultValue = "64k", converter = HoconSize.class, description = HoconSize.FORMS)
        long buffer;
        @Option(names = "--count", defaultValue = "1", paramLabel = "N")
        int count;
        @Option(names = "--tag")
        List<String> tags = List.of();
        @Option(names = "--fail")
        boolean fail;

        @Override
        public Integer call() {
            OptionChecks.range(spec, "--count", count, 1, 10);
            OptionChecks.positive(spec, "--for", duration);
            if (fail) {
                throw new IllegalStateException("told to fail");
            }
            last = this;
            return 0;
        }
    }
}

package org.opencx.bench.load;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plot}: latency against offered load, from the push reports (JSON) of a directory. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "latency against offered load from the push reports (JSON) in DIR, as a PNG")
final class PlotCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--reports", required = true, paramLabel = "DIR", description = "where the push reports are")
    Path reports;
    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path png;
    @Option(names = "--title", defaultValue = "push: latency against offered load", paramLabel = "T",
            description = "the plot's title (default: ${DEFAULT-VALUE})")
    String title;

    PlotCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files;
        try (var list = Files.list(reports)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        LatencyPlot.write(files, png, title);
        out.println("plot of " + files.size() + " reports written to " + png);
        return LoadMain.OK;
    }
}

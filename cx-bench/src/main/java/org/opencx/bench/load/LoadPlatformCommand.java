package org.opencx.bench.load;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.opencx.cli.OptionChecks;
import org.opencx.testkit.platform.ReferencePlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code platform}: a reference platform alone, for scenarios without {@code --platform-port}. */
@Command(name = "platform", mixinStandardHelpOptions = true,
        description = "a reference platform alone (for scenarios without --platform-port), until Ctrl-C")
final class LoadPlatformCommand implements Callable<Integer> {
    private final PrintStream out;
    private final boolean block;

    @Spec
    CommandSpec spec;
    @Option(names = "--app-key", required = true, paramLabel = "K", description = "an application key it accepts (repeatable)")
    List<String> appKeys;
    @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
            description = "the port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H",
            description = "the address to listen on (default ${DEFAULT-VALUE})")
    String host;

    /** @param block whether {@link #call()} waits for the JVM to stop */
    LoadPlatformCommand(PrintStream out, boolean block) {
        this.out = out;
        this.block = block;
    }

    @Override
    public Integer call() throws InterruptedException {
        return LoadMain.hold(start(), out, block);
    }

    ReferencePlatform start() {
        OptionChecks.range(spec, "--port", port, 0, 65535);
        ReferencePlatform p = ReferencePlatform.builder().appKeys(appKeys).autoCreateThings(true).port(port).host(host)
                .build();
        p.start();
        out.println("reference platform running, pid " + ProcessHandle.current().pid());
        out.println("  ws URL  " + p.wsUri());
        return p;
    }
}

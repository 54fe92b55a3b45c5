package org.opencx.testkit.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.opencx.cli.OptionChecks;
import org.opencx.testkit.platform.BindPolicy;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.ReferencePlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code platform}: a ReferencePlatform on a port, until stopped. */
@Command(name = "platform", mixinStandardHelpOptions = true,
        description = {"Runs a reference platform: AlwaysOn edges on ws://H:P/Thingworx/WS, a REST API on "
                + "http://H:P/Thingworx. Ctrl-C stops it."})
final class PlatformCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8080;

    private final PrintStream out;
    private final CompletableFuture<Void> stop;

    @Spec
    CommandSpec spec;
    @Option(names = "--app-key", required = true, paramLabel = "K",
            description = "an application key edges and REST calls must present (repeatable)")
    List<String> appKeys;
    @Option(names = "--port", defaultValue = "" + DEFAULT_PORT, paramLabel = "P",
            description = "the port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H",
            description = "the address to listen on (default ${DEFAULT-VALUE})")
    String host;
    @Option(names = "--thing", paramLabel = "T", description = "a thing known from the start (repeatable)")
    List<String> things = List.of();
    @Option(names = "--auto-create", defaultValue = "true", arity = "1", paramLabel = "true|false",
            description = "whether a BIND of an unknown thing creates it (default ${DEFAULT-VALUE})")
    boolean autoCreate;
    @Option(names = "--bind-policy", defaultValue = "first", converter = BindPolicyConverter.class,
            paramLabel = "first|last", description = {"first: a bound thing stays with its first binder (0x83 to "
                    + "others); last: the latest binder takes it over (default ${DEFAULT-VALUE})"})
    BindPolicy bindPolicy;

    /** @param stop completes when the platform should stop (Ctrl-C) */
    PlatformCommand(PrintStream out, CompletableFuture<Void> stop) {
        this.out = out;
        this.stop = stop;
    }

    @Override
    public Integer call() {
        ReferencePlatform platform = start();
        try {
            stop.join();
        } finally {
            platform.stop();
        }
        return TestkitMain.OK;
    }

    /** Checks the options, starts the platform and prints where it listens. */
    ReferencePlatform start() {
        OptionChecks.range(spec, "--port", port, 0, 0xFFFF);
        if (things.stream().anyMatch(String::isEmpty)) {
            throw OptionChecks.fail(spec, "--thing needs a name");
        }
        PlatformBuilder b = ReferencePlatform.builder().appKeys(appKeys).port(port).host(host)
                .autoCreateThings(autoCreate).bindPolicy(bindPolicy);
        things.forEach(b::thing);
        ReferencePlatform platform = b.build();
        platform.start();
        String sample = things.isEmpty() ? DevicesCommand.DEFAULT_PREFIX + "0" : things.get(0);
        out.println("reference platform running (" + appKeys.size() + " app key(s), bind policy "
                + platform.settings().bindPolicy() + ", auto-create " + platform.settings().autoCreateThings() + ")");
        out.println("  edges connect to  " + platform.wsUri());
        out.println("  REST base URL     " + platform.baseUri());
        out.println("  nonce keys only   " + platform.twsUri());
        out.println("  try               curl -H 'appKey: <your app key>' " + platform.baseUri() + "/Things/" + sample);
        out.println("Ctrl-C stops it.");
        return platform;
    }
}

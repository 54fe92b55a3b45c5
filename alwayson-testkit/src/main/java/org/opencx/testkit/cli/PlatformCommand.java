package org.opencx.testkit.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.opencx.testkit.platform.BindPolicy;
import org.opencx.testkit.platform.PlatformBuilder;
import org.opencx.testkit.platform.ReferencePlatform;

/** {@code platform}: a ReferencePlatform on a port, until stopped. */
final class PlatformCommand {
    static final String NAME = "platform";
    static final int DEFAULT_PORT = 8080;
    static final String USAGE = """
            usage: platform --app-key K [--app-key K2 ...] [--port P] [--host H] [--thing T ...]
                            [--auto-create true|false] [--bind-policy first|last]

            Runs a reference platform: AlwaysOn edges on ws://H:P/Thingworx/WS, a REST API on
            http://H:P/Thingworx. Ctrl-C stops it.

              --app-key K         an application key edges and REST calls must present (repeatable)
              --port P            the port, 0 for any free one (default 8080)
              --host H            the address to listen on (default 127.0.0.1)
              --thing T           a thing known from the start (repeatable)
              --auto-create B     whether a BIND of an unknown thing creates it (default true)
              --bind-policy P     first: a bound thing stays with its first binder (0x83 to others);
                                  last: the latest binder takes it over (default first)
            """;

    private PlatformCommand() {
    }

    /** Parses the options, starts the platform and prints where it listens. */
    static ReferencePlatform start(List<String> args, PrintStream out) throws UsageException {
        CommandLine c = CommandLine.parse(args, Set.of("app-key", "port", "host", "thing", "auto-create", "bind-policy"),
                Set.of());
        List<String> keys = c.all("app-key");
        if (keys.isEmpty()) {
            throw new UsageException("--app-key is required");
        }
        List<String> things = c.all("thing");
        PlatformBuilder b = ReferencePlatform.builder()
                .appKeys(keys)
                .port(c.integer("port", DEFAULT_PORT, 0, 0xFFFF))
                .host(c.optional("host").orElse("127.0.0.1"))
                .autoCreateThings(c.bool("auto-create", true))
                .bindPolicy(bindPolicy(c.optional("bind-policy").orElse("first")));
        for (String t : things) {
            if (t.isEmpty()) {
                throw new UsageException("--thing needs a name");
            }
            b.thing(t);
        }
        ReferencePlatform platform = b.build();
        platform.start();
        String sample = things.isEmpty() ? DevicesCommand.DEFAULT_PREFIX + "0" : things.get(0);
        out.println("reference platform running (" + keys.size() + " app key(s), bind policy "
                + platform.settings().bindPolicy() + ", auto-create " + platform.settings().autoCreateThings() + ")");
        out.println("  edges connect to  " + platform.wsUri());
        out.println("  REST base URL     " + platform.baseUri());
        out.println("  try               curl -H 'appKey: <your app key>' " + platform.baseUri() + "/Things/" + sample);
        out.println("Ctrl-C stops it.");
        return platform;
    }

    private static BindPolicy bindPolicy(String text) throws UsageException {
        return switch (text) {
            case "first" -> BindPolicy.FIRST_IN_WINS;
            case "last" -> BindPolicy.LAST_IN_WINS;
            default -> throw new UsageException("--bind-policy must be first or last: '" + text + "'");
        };
    }
}

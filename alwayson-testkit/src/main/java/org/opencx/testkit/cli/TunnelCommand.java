package org.opencx.testkit.cli;

import java.io.PrintStream;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.opencx.cli.HoconDuration;
import org.opencx.cli.OptionChecks;
import org.opencx.testkit.remote.RemoteAccessClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tunnel}: a remote access client. Offers a local port; each connection made to it gets a
 * tunnel to {@code host:port} in a device's network, until the duration ends or Ctrl-C. Public
 * for the Connection Server's launcher, which offers it too.
 */
@Command(name = "tunnel", mixinStandardHelpOptions = true,
        description = {"Offers a service of a device's network on a local port, as a Remote Access Client: each "
                + "connection to the local port asks the platform (REST, --platform) for a tunnel to --target on "
                + "--thing's device and opens the tunnel socket (--uri, the platform or a Connection Server). "
                + "Then e.g. ssh -p <local port> localhost. Ctrl-C stops it."},
        footer = {"%nDurations: " + HoconDuration.FORMS + "."})
public final class TunnelCommand implements Callable<Integer> {
    static final int DEFAULT_LOCAL_PORT = 2222;

    private final PrintStream out;
    private final CompletableFuture<Void> stop;

    @Spec
    CommandSpec spec;
    @Option(names = "--platform", required = true, converter = HttpUriConverter.class, paramLabel = "URL",
            description = "the platform's REST base, http://host:port (or https)")
    URI platform;
    @Option(names = "--uri", converter = WebSocketUriConverter.class, paramLabel = "U",
            description = "where the tunnel sockets go, ws://host:port (or wss): the platform or a Connection "
                    + "Server in front of it (default: the platform's host and port)")
    URI tunnelUri;
    @Option(names = "--app-key", required = true, paramLabel = "K", description = "the application key")
    String appKey;
    @Option(names = "--thing", required = true, paramLabel = "T", description = "the device's thing that opens the tunnels")
    String thing;
    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "the service in the device's network, e.g. 127.0.0.1:22")
    String target;
    @Option(names = "--local-port", defaultValue = "" + DEFAULT_LOCAL_PORT, paramLabel = "P",
            description = "the local port, 0 for any free one (default ${DEFAULT-VALUE})")
    int localPort;
    @Option(names = "--local-host", defaultValue = "127.0.0.1", paramLabel = "H",
            description = "the local address to listen on (default ${DEFAULT-VALUE})")
    String localHost;
    @Option(names = "--nonce", description = "present a fresh nonce key on each tunnel socket instead of the app key")
    boolean nonce;
    @Option(names = "--idle-timeout", defaultValue = "30s", paramLabel = "D",
            description = "the device closes a tunnel that sent nothing for this long (default ${DEFAULT-VALUE}; "
                    + HoconDuration.BARE_NUMBER + ")")
    Duration idleTimeout;
    @Option(names = "--trust-all", description = "with https or wss, trust any server certificate (tests and demos only)")
    boolean trustAll;
    @Option(names = "--duration", paramLabel = "D",
            description = "stop after this long (default: until Ctrl-C; " + HoconDuration.BARE_NUMBER + ")")
    Duration duration;

    /** @param stop completes when the client should stop (Ctrl-C) */
    public TunnelCommand(PrintStream out, CompletableFuture<Void> stop) {
        this.out = out;
        this.stop = stop;
    }

    /** The client the options describe, once checked; not started. */
    RemoteAccessClient client() {
        OptionChecks.range(spec, "--local-port", localPort, 0, 0xFFFF);
        OptionChecks.positive(spec, "--idle-timeout", idleTimeout);
        if (duration != null) {
            OptionChecks.positive(spec, "--duration", duration);
        }
        int colon = target.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(target.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 0xFFFF) {
            throw OptionChecks.fail(spec, "--target must be host:port with a port 1..65535: " + target);
        }
        RemoteAccessClient.Builder b = RemoteAccessClient.builder(platform).appKey(appKey).thing(thing)
                .target(target.substring(0, colon), port).localHost(localHost).localPort(localPort)
                .nonceForTunnels(nonce).idleTimeout(idleTimeout);
        if (tunnelUri != null) {
            b.tunnelUri(tunnelUri);
        }
        if (trustAll) {
            b.trustAll();
        } else if ("https".equals(platform.getScheme()) || (tunnelUri != null && "wss".equals(tunnelUri.getScheme()))) {
            try {
                b.sslContext(SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default TLS context", e);
            }
        }
        return b.build();
    }

    @Override
    public Integer call() {
        try (RemoteAccessClient rac = client().start()) {
            out.println("tunnels to " + target + " of " + thing + " via " + rac.settings().tunnelUri()
                    + ", listening on " + localHost + ":" + rac.localPort());
            out.println("  try               ssh -p " + rac.localPort() + " " + localHost
                    + "   (or any client of the service)");
            out.println("Ctrl-C stops it.");
            TestkitMain.awaitStop(stop, duration);
        }
        out.println("stopped");
        return TestkitMain.OK;
    }
}

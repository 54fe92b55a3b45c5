package org.opencx.server;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opencx.cli.OptionChecks;
import org.opencx.cluster.FleetReader;
import org.opencx.cluster.FleetView;
import org.opencx.cluster.RegisteredNode;
import org.opencx.cluster.RegisteredServer;
import org.opencx.config.DiscoverySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet}: the Connection Servers registered in ZooKeeper (service {@code cxserver}) and the
 * platform nodes beside them, read once. Exit codes: 0 listed, 1 ZooKeeper not reachable, 2 usage.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Lists the Connection Servers registered in ZooKeeper, and the platform nodes.")
final class FleetCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandSpec spec;
    @Option(names = "--zookeeper", required = true, paramLabel = "HOST:PORT[,...]",
            description = "the ZooKeeper ensemble (cx-server.discovery.connectionString)")
    String zookeeper;
    @Option(names = "--base-path", defaultValue = DiscoverySettings.DEFAULT_BASE_PATH, paramLabel = "PATH",
            description = "where the services are registered (${DEFAULT-VALUE})")
    String basePath;
    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "how long to wait for ZooKeeper (${DEFAULT-VALUE})")
    Duration timeout;

    FleetCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        OptionChecks.positive(spec, "--timeout", timeout);
        FleetView fleet;
        try {
            fleet = FleetReader.read(zookeeper, basePath, timeout);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.fail(spec, e.getMessage());
        } catch (IOException e) {
            err.println("fleet: " + e.getMessage());
            return ExitCode.FAILURE.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILURE.code();
        }
        print(fleet);
        return ExitCode.OK.code();
    }

    private void print(FleetView fleet) {
        out.println("Connection Servers in ZooKeeper " + zookeeper + " under " + fleet.basePath() + "/"
                + DiscoverySettings.SERVER_SERVICE + ": " + fleet.servers().size());
        List<List<String>> servers = new ArrayList<>();
        servers.add(List.of("NAME", "EDGE URL", "VERSION", "SINCE"));
        for (RegisteredServer s : fleet.servers()) {
            servers.add(List.of(s.name(), s.edgeUrl().toString(), s.version(),
                    s.since().truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        table(servers);
        out.println("Platform nodes and other services under " + fleet.basePath() + ": " + fleet.others().size());
        List<List<String>> nodes = new ArrayList<>();
        nodes.add(List.of("SERVICE", "ID", "URL", "SINCE"));
        for (RegisteredNode n : fleet.others()) {
            nodes.add(List.of(n.service(), n.id(), n.url() == null ? "-" : n.url().toString(),
                    n.since().truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        table(nodes);
    }

    /** Rows with a header, columns padded to their widest cell; nothing when there is only the header. */
    private void table(List<List<String>> rows) {
        if (rows.size() < 2) {
            return;
        }
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.size(); i++) {
                line.append(' ').append(i == row.size() - 1 ? row.get(i) : String.format("%-" + width[i] + "s ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}

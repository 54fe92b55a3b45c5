package org.opencx.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * The cluster demo's ZooKeeper: ZooKeeper's own embedded server, standalone, on loopback, its data in
 * a temporary folder deleted at close. It never exits the JVM (errors are logged only).
 */
final class DemoZooKeeper implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final ZooKeeperServerEmbedded server;
    private final Path dir;

    private DemoZooKeeper(ZooKeeperServerEmbedded server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** @param port the client port; 0 picks a free one */
    static DemoZooKeeper start(int port) throws Exception {
        Path dir = Files.createTempDirectory("opencx-demo-zookeeper");
        Properties p = new Properties();
        p.setProperty("clientPort", Integer.toString(port));
        p.setProperty("clientPortAddress", "127.0.0.1");
        p.setProperty("tickTime", "2000");
        p.setProperty("admin.enableServer", "false");
        p.setProperty("4lw.commands.whitelist", "");
        ZooKeeperServerEmbedded zk = ZooKeeperServerEmbedded.builder().baseDir(dir).configuration(p)
                .exitHandler(ExitHandler.LOG_ONLY).build();
        try {
            zk.start(START_TIMEOUT_MILLIS);
        } catch (Exception e) {
            zk.close();
            delete(dir);
            throw e;
        }
        return new DemoZooKeeper(zk, dir);
    }

    /** {@code 127.0.0.1:port}. */
    String connectionString() {
        try {
            return server.getConnectionString();
        } catch (Exception e) {
            throw new IllegalStateException("the demo's ZooKeeper has no connection string", e);
        }
    }

    @Override
    public void close() {
        server.close();
        delete(dir);
    }

    private static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

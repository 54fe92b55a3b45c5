package org.opencx.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/connection-server run} (or another command) of an unpacked distribution, as a process of its own started
 * in {@code workingDirectory}, with this JVM's Java and its console written to a file.
 */
record ServerProcess(Process process, Path console) {
    private static final long KILL_WAIT_SECONDS = 10;

    static ServerProcess start(UnpackedDistribution dist, Path workingDirectory) throws IOException {
        return start(dist, workingDirectory, "run");
    }

    /** The launcher with {@code args} (a command and its options). */
    static ServerProcess start(UnpackedDistribution dist, Path workingDirectory, String... args) throws IOException {
        Path console = workingDirectory.resolve("console.txt");
        List<String> command = new ArrayList<>();
        command.add(dist.launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CONNECTION_SERVER_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        env.remove("CX_SERVER_MASTER_PASSWORD");
        env.remove("CX_SERVER_MASTER_PASSWORD_FILE");
        return new ServerProcess(builder.start(), console);
    }

    /** The process's state and its console so far, for a failure's message. */
    String describe() {
        String state = process.isAlive() ? "running" : "exited " + process.exitValue();
        try {
            return "server " + state + ", console:\n" + Files.readString(console, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "server " + state + ", console unreadable: " + e;
        }
    }

    /** Ends the process if it still runs (SIGKILL), waiting a bounded time. */
    void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}

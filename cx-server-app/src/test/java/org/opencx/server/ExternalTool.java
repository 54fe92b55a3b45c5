package org.opencx.server;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program of the machine a test runs (chromium, promtool): found on the PATH, or the test is
 * skipped with a message that says how to get it, printed to stderr as well so that it shows in
 * the build log. Run with a deadline; its stdout and stderr kept apart.
 */
final class ExternalTool {
    private final Path program;

    private ExternalTool(Path program) {
        this.program = program;
    }

    /** What one run did. */
    record Run(int exitCode, String stdout, String stderr) {
        /** Both outputs, to show when it failed. */
        String output() {
            return stdout + (stderr.isEmpty() ? "" : "\n[stderr]\n" + stderr);
        }
    }

    /** The program on the PATH, or the test is skipped (never silently): {@code howToGet} says what to install. */
    static ExternalTool require(String name, String howToGet) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            String message = name + " is not installed, so this test is skipped; to run it: " + howToGet;
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        return new ExternalTool(found.get());
    }

    static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the program with {@code args}, {@code stdin} fed to it (null: none), and waits at most
     * {@code timeout}; a program still running then is killed and the run fails.
     */
    Run run(Duration timeout, byte[] stdin, List<String> args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cx-tool-", ".out");
        Path err = Files.createTempFile("cx-tool-", ".err");
        try {
            List<String> command = new ArrayList<>(args.size() + 1);
            command.add(program.toString());
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                            : ProcessBuilder.Redirect.PIPE)
                    .start();
            if (stdin != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(program.getFileName() + " did not finish within " + timeout.toSeconds()
                        + " s; its output: " + Files.readString(out) + Files.readString(err));
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

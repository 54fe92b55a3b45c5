package org.opencx.transport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import me.normanmaurer.maven.autobahntestsuite.AutobahnTestSuite;
import org.json.simple.parser.JSONParser;
import org.python.util.PythonInterpreter;

/**
 * The Autobahn fuzzingclient (Python, under Jython) in a JVM of its own: Jython takes a Java
 * package for a Python module of the same name, and the test JVM has loaded {@code io.undertow},
 * which hides Python's {@code io} from the suite. Its classpath is Jython, the suite and this class.
 */
final class AutobahnFuzzingClient {
    /** Where the suite writes its reports, relative to the working directory (the module's). */
    static final Path REPORTS = Path.of("target", "autobahntestsuite-reports");
    /** What the client prints (not to the test JVM's stdout, which is Surefire's channel). */
    static final Path LOG = Path.of("target", "autobahn-fuzzingclient.log");

    private AutobahnFuzzingClient() {
    }

    /**
     * Runs the cases against {@code url} and waits for the reports, written under {@link #REPORTS}
     * for {@code agent}.
     *
     * @return the client's exit code
     */
    static int run(String url, String agent, List<String> cases, List<String> excluded, long timeoutSeconds)
            throws IOException, InterruptedException {
        String classpath = String.join(File.pathSeparator, location(PythonInterpreter.class),
                location(AutobahnTestSuite.class), location(JSONParser.class), location(AutobahnFuzzingClient.class));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, AutobahnFuzzingClient.class.getName(), url, agent, String.join(",", cases),
                String.join(",", excluded));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the Autobahn fuzzingclient did not finish within " + timeoutSeconds
                    + " s; see " + LOG.toAbsolutePath());
        }
        return p.exitValue();
    }

    private static String location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code URL AGENT CASES [EXCLUDED]}, the lists comma-separated (wildcards as the suite takes them). */
    public static void main(String[] args) {
        List<String> cases = split(args[2]);
        List<String> excluded = args.length > 3 ? split(args[3]) : List.of();
        AutobahnTestSuite.runFuzzingClient(args[1], args[0], Map.of("version", 18), cases, excluded);
        System.exit(0);
    }

    private static List<String> split(String list) {
        return list.isBlank() ? List.of() : Arrays.asList(list.split(","));
    }
}

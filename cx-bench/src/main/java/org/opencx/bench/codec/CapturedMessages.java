package org.opencx.bench.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/**
 * The captured C SDK messages the benchmarks run on, read from the shared vectors with the
 * codec's own transcript reader. Fails with a message that says how to point at the vectors.
 */
final class CapturedMessages {
    static final String SCENARIO = "01-basic";
    /** The label of the first property push in 01-basic: a 239-byte POST with a nested infotable. */
    static final String UPDATE_LABEL = "POST-rid4-Services-UpdateSubscribedPropertyValues";
    static final int UPDATE_LENGTH = 239;
    /** Its entity name, as the relay would look it up. */
    static final String UPDATE_THING = "SteamSensor1";

    private CapturedMessages() {
    }

    /** The 239-byte UpdateSubscribedPropertyValues request of 01-basic, a fresh copy per call. */
    static byte[] updateSubscribedPropertyValues() {
        Transcript t = transcript(SCENARIO);
        List<Transcript.Entry> found = t.entries().stream().filter(e -> e.label().startsWith(UPDATE_LABEL)).toList();
        if (found.size() != 1 || found.get(0).bytes().length != UPDATE_LENGTH) {
            throw new IllegalStateException("expected one " + UPDATE_LENGTH + "-byte entry labelled " + UPDATE_LABEL
                    + "... in " + t.file() + ", found " + found);
        }
        return found.get(0).bytes().clone();
    }

    private static Transcript transcript(String scenario) {
        String configured = System.getProperty("opencx.vectors");
        if (configured != null && !Files.isDirectory(Paths.get(configured))) {
            throw new IllegalStateException("-Dopencx.vectors=" + configured + " is not a directory; it must name the "
                    + "shared vectors directory (the one holding " + Vectors.CSDK + "/)");
        }
        Path root;
        try {
            root = Vectors.root();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The benchmarks read captured messages from shared/vectors/" + Vectors.CSDK
                    + " and cannot find it. Run from the project root (shared/ is searched upwards from the working "
                    + "directory, and beside each directory on the way), or name it: java -jar "
                    + "cx-bench/target/benchmarks.jar -jvmArgsAppend -Dopencx.vectors=/path/to/shared/vectors. ("
                    + e.getMessage() + ")", e);
        }
        Path file = root.resolve(Vectors.CSDK).resolve(scenario).resolve("transcript.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no capture " + file + " under the vectors found at " + root
                    + " (set -Dopencx.vectors=DIR to the directory holding " + Vectors.CSDK + "/)");
        }
        return Transcript.read(file);
    }
}

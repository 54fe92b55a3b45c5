package org.opencx.alwayson.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads this module's data from the class path, relative to {@code org/opencx/alwayson/vectors/}: the same
 * from {@code target/classes}, from the module's jar and from a shaded jar such as
 * {@code benchmarks.jar}.
 */
final class ClasspathData {
    static final String ROOT = "org/opencx/alwayson/vectors/";

    private ClasspathData() {
    }

    /** The bytes of a resource, e.g. {@code csdk-2.2.1/01-basic/transcript.txt}. */
    static byte[] bytes(String path) {
        try (InputStream in = ClasspathData.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + ROOT + path + " on the class path (is alwayson-vectors on it?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ROOT + path, e);
        }
    }

    /** A UTF-8 text resource as lines (LF or CRLF ends). */
    static List<String> lines(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8).lines().toList();
    }

    /** The entries of an index file: one name a line, blank lines and {@code #} comments skipped. */
    static List<String> index(String path) {
        return lines(path).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}

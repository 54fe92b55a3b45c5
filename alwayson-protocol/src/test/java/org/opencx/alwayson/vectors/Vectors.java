package org.opencx.alwayson.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared capture directory ({@code shared/vectors} beside the project's root). The
 * system property {@code opencx.vectors} names it explicitly (the build sets it); otherwise the
 * directories above the working directory are searched.
 */
public final class Vectors {
    public static final String CSDK = "csdk-2.2.1";

    private Vectors() {
    }

    public static Path root() {
        String configured = System.getProperty("opencx.vectors");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured).normalize();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("vectors");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("shared/vectors not found beside the project (set -Dopencx.vectors=DIR); "
                + "searched upwards from " + Paths.get("").toAbsolutePath());
    }

    /** The C SDK 2.2.1 scenario directories, sorted by name. */
    public static List<Path> csdkScenarios() {
        try (Stream<Path> dirs = Files.list(root().resolve(CSDK))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Transcript transcript(String scenario) {
        return Transcript.read(root().resolve(CSDK).resolve(scenario).resolve("transcript.txt"));
    }
}

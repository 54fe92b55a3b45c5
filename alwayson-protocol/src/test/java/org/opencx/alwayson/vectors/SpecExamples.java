package org.opencx.alwayson.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worked examples of the spec's section 12, read as data from the markdown itself: each
 * {@code **Example N – title** — L bytes total} heading and the "Contiguous hex" block after it.
 * The declared length and the offset column of every hex line are checked while reading.
 */
public final class SpecExamples {

    /** One worked example: its id ("1", "3b", "10c"), title and bytes. */
    public record Example(String id, String title, byte[] bytes) {
        /** An AlwaysOn message (complete or chunk), not a WebSocket frame or a bare body. */
        public boolean alwaysOnMessage() {
            return !NOT_MESSAGES.contains(id);
        }

        /** A multipart chunk: header byte 14 set. */
        public boolean chunk() {
            return alwaysOnMessage() && bytes[14] != 0;
        }

        /** A complete AlwaysOn message, what {@code MessageDecoder} takes. */
        public boolean completeMessage() {
            return alwaysOnMessage() && !chunk();
        }

        @Override
        public String toString() {
            return "Example " + id + " (" + bytes.length + " bytes)";
        }
    }

    /** Raw WebSocket frames (1w, 5a, 5b) and the bare logical body of Example 10a. */
    public static final Set<String> NOT_MESSAGES = Set.of("1w", "5a", "5b", "10a");

    private static final Pattern HEADING =
            Pattern.compile("^\\*\\*Example (\\w+) [–-] (.*)\\*\\* — (\\d+) bytes total$");
    private static final Pattern HEX_LINE = Pattern.compile("^([0-9A-Fa-f]{4})  ([0-9A-Fa-f ]+)$");

    private SpecExamples() {
    }

    /** The spec file, beside the shared vectors. */
    public static Path file() {
        return Vectors.root().resolveSibling("spec").resolve("alwayson-protocol.md");
    }

    /** Every worked example by id, in the order of the spec. */
    public static Map<String, Example> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Example> examples = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = HEADING.matcher(lines.get(i));
            if (h.matches()) {
                String id = h.group(1);
                byte[] bytes = hexBlockAfter(lines, i, id, Integer.parseInt(h.group(3)));
                if (examples.put(id, new Example(id, h.group(2), bytes)) != null) {
                    throw new IllegalStateException("Example " + id + " appears twice in " + file());
                }
            }
        }
        return Collections.unmodifiableMap(examples);
    }

    /** The bytes of one example. */
    public static byte[] bytes(String id) {
        Example e = read().get(id);
        if (e == null) {
            throw new IllegalArgumentException("no Example " + id + " in " + file());
        }
        return e.bytes();
    }

    private static byte[] hexBlockAfter(List<String> lines, int heading, String id, int expected) {
        int i = heading + 1;
        while (i < lines.size() && !lines.get(i).startsWith("Contiguous hex")) {
            if (HEADING.matcher(lines.get(i)).matches()) {
                throw new IllegalStateException("Example " + id + " has no contiguous hex block");
            }
            i++;
        }
        while (i < lines.size() && !lines.get(i).startsWith("```")) {
            i++;
        }
        byte[] bytes = new byte[expected];
        int n = 0;
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            Matcher m = HEX_LINE.matcher(lines.get(i).strip());
            if (!m.matches() || Integer.parseInt(m.group(1), 16) != n) {
                throw new IllegalStateException("Example " + id + ": bad hex line at byte " + n + ": " + lines.get(i));
            }
            for (String pair : m.group(2).trim().split("\\s+")) {
                if (n == expected) {
                    throw new IllegalStateException("Example " + id + " has more than " + expected + " bytes");
                }
                bytes[n++] = (byte) Integer.parseInt(pair, 16);
            }
        }
        if (n != expected) {
            throw new IllegalStateException("Example " + id + " has " + n + " bytes, its heading says " + expected);
        }
        return bytes;
    }
}

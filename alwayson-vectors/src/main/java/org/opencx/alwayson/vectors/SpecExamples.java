package org.opencx.alwayson.vectors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The worked examples of the AlwaysOn protocol specification (section 12), one data file each
 * under {@code org/opencx/alwayson/vectors/spec-examples/} (format: that folder's README.md): id, title,
 * kind, length, the bytes as a hex dump, and what they decode to, written from the spec's own
 * table for the example.
 */
public final class SpecExamples {
    static final String DIR = "spec-examples/";

    /** What an example's bytes are. */
    public enum Kind {
        /** A complete AlwaysOn message, what a message decoder takes. */
        MESSAGE,
        /** One chunk of a multipart AlwaysOn message (header byte 14 set). */
        CHUNK,
        /** A whole WebSocket frame (header and payload), not an AlwaysOn message. */
        WEBSOCKET_FRAME,
        /** The bare body of a request, without the AlwaysOn header. */
        BODY;

        /** The kind named in a data file: {@code message}, {@code chunk}, {@code websocket-frame}, {@code body}. */
        static Kind named(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * One worked example.
     *
     * @param id      the spec's id: "1", "3b", "10c"
     * @param section the spec section it is in, "12.1"
     * @param decoded what the bytes decode to, field by field in wire order, as the spec explains
     *                them (keys and value forms: the README.md of spec-examples/)
     * @param notes   the spec's notes on the example (uncertainties), possibly none
     */
    public record Example(String id, String title, String section, Kind kind, byte[] bytes,
            Map<String, String> decoded, List<String> notes) {
        public Example {
            bytes = bytes.clone();
            decoded = Collections.unmodifiableMap(new LinkedHashMap<>(decoded));
            notes = List.copyOf(notes);
        }

        /** An AlwaysOn message, complete or a chunk (not a WebSocket frame, not a bare body). */
        public boolean alwaysOnMessage() {
            return kind == Kind.MESSAGE || kind == Kind.CHUNK;
        }

        public boolean chunk() {
            return kind == Kind.CHUNK;
        }

        public boolean completeMessage() {
            return kind == Kind.MESSAGE;
        }

        /** A fresh copy of the bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "Example " + id + " (" + bytes.length + " bytes)";
        }
    }

    private SpecExamples() {
    }

    /** Every worked example by id, in the order of the spec (that of {@code spec-examples/index.txt}). */
    public static Map<String, Example> read() {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (String id : ClasspathData.index(DIR + "index.txt")) {
            String path = DIR + "example-" + id + ".txt";
            Example e = SpecExampleFile.parse(path, ClasspathData.lines(path));
            if (!e.id().equals(id)) {
                throw new IllegalStateException(path + " holds Example " + e.id() + ", not " + id);
            }
            if (examples.put(id, e) != null) {
                throw new IllegalStateException("Example " + id + " is listed twice in " + DIR + "index.txt");
            }
        }
        return Collections.unmodifiableMap(examples);
    }

    /** One example by id. */
    public static Example example(String id) {
        Example e = read().get(id);
        if (e == null) {
            throw new IllegalArgumentException("no Example " + id + " in " + DIR + "index.txt");
        }
        return e;
    }

    /** The bytes of one example. */
    public static byte[] bytes(String id) {
        return example(id).bytes();
    }
}

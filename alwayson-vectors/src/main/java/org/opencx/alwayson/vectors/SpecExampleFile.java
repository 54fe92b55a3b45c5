package org.opencx.alwayson.vectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencx.alwayson.vectors.SpecExamples.Example;
import org.opencx.alwayson.vectors.SpecExamples.Kind;

/**
 * Parses one spec example data file: {@code key: value} lines (id, title, section, kind, length,
 * note), then a {@code hex:} block (offset, then up to 16 hex pairs a line), then a {@code
 * decoded:} block of {@code key: value} lines. Blank lines and {@code #} comments are skipped. The
 * declared length and the offset of every hex line are checked.
 */
final class SpecExampleFile {
    private static final Pattern HEX_LINE = Pattern.compile("^([0-9A-Fa-f]{4})  ([0-9A-Fa-f]{2}(?: [0-9A-Fa-f]{2}){0,15})$");
    private static final String SEPARATOR = ": ";

    private enum Block { HEAD, HEX, DECODED }

    private SpecExampleFile() {
    }

    static Example parse(String source, List<String> lines) {
        Map<String, String> head = new HashMap<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> decoded = new LinkedHashMap<>();
        List<String> hexLines = new ArrayList<>();
        Block block = Block.HEAD;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("hex:") && block == Block.HEAD) {
                block = Block.HEX;
            } else if (line.equals("decoded:") && block == Block.HEX) {
                block = Block.DECODED;
            } else if (block == Block.HEX) {
                hexLines.add(line);
            } else {
                String[] kv = keyValue(source, line);
                if (block == Block.HEAD && kv[0].equals("note")) {
                    notes.add(kv[1]);
                } else if ((block == Block.HEAD ? head : decoded).put(kv[0], kv[1]) != null) {
                    throw new IllegalStateException(source + ": " + kv[0] + " given twice");
                }
            }
        }
        if (block != Block.DECODED || decoded.isEmpty()) {
            throw new IllegalStateException(source + ": needs a hex: block and then a non-empty decoded: block");
        }
        int length = Integer.parseInt(required(source, head, "length"));
        byte[] bytes = hex(source, hexLines, length);
        return new Example(required(source, head, "id"), required(source, head, "title"), required(source, head, "section"),
                Kind.named(required(source, head, "kind")), bytes, decoded, notes);
    }

    private static String[] keyValue(String source, String line) {
        int at = line.indexOf(SEPARATOR);
        if (at <= 0 || at + SEPARATOR.length() == line.length()) {
            throw new IllegalStateException(source + ": not a 'key: value' line: " + line);
        }
        return new String[] {line.substring(0, at), line.substring(at + SEPARATOR.length())};
    }

    private static String required(String source, Map<String, String> head, String key) {
        String v = head.get(key);
        if (v == null) {
            throw new IllegalStateException(source + ": no '" + key + ":' line");
        }
        return v;
    }

    private static byte[] hex(String source, List<String> lines, int expected) {
        byte[] bytes = new byte[expected];
        int n = 0;
        for (String line : lines) {
            Matcher m = HEX_LINE.matcher(line);
            if (!m.matches() || Integer.parseInt(m.group(1), 16) != n) {
                throw new IllegalStateException(source + ": bad hex line at byte " + n + ": " + line);
            }
            for (String pair : m.group(2).split(" ")) {
                if (n == expected) {
                    throw new IllegalStateException(source + ": more than the " + expected + " bytes of its length line");
                }
                bytes[n++] = (byte) Integer.parseInt(pair, 16);
            }
        }
        if (n != expected) {
            throw new IllegalStateException(source + ": " + n + " bytes, its length line says " + expected);
        }
        return bytes;
    }
}

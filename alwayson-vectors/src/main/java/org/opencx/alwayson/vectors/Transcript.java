package org.opencx.alwayson.vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One capture's {@code transcript.txt}, read as data: each AlwaysOn message with its direction,
 * label and bytes (from the hex dump; the JSON decoding beside it is ignored, the hex wins).
 * Close records ({@code === close ...}) are skipped.
 *
 * @param source where it was read from (a class path resource), for messages
 */
public record Transcript(String source, List<Entry> entries) {

    /** One message: {@code c2s} or {@code s2c}, the capture's label, and the bytes. */
    public record Entry(int index, String direction, String label, byte[] bytes) {
        public boolean clientToServer() {
            return direction.equals("c2s");
        }

        /** A message the capture tool reassembled from chunks, not one sent on the wire. */
        public boolean reassembled() {
            return label.startsWith("REASSEMBLED-");
        }

        /** A multipart chunk as sent on the wire. */
        public boolean chunk() {
            return bytes.length > 14 && bytes[14] != 0;
        }

        @Override
        public String toString() {
            return "#" + index + " " + direction + " " + label + " (" + bytes.length + " bytes)";
        }
    }

    private static final Pattern ENTRY = Pattern.compile("^=== #(\\d+) (c2s|s2c) (\\S+) \\((\\d+) bytes\\)$");
    private static final Pattern HEX_LINE = Pattern.compile("^[0-9a-fA-F]{4,8}  (.*)$");
    private static final int HEX_COLUMNS = 16 * 3;

    public Transcript {
        entries = List.copyOf(entries);
    }

    /** Parses the lines of a transcript; the byte count of every entry's heading is checked. */
    public static Transcript parse(String source, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ENTRY.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int expected = Integer.parseInt(m.group(4));
            byte[] bytes = new byte[expected];
            int n = 0;
            while (i + 1 < lines.size()) {
                Matcher h = HEX_LINE.matcher(lines.get(i + 1));
                if (!h.matches()) {
                    break;
                }
                i++;
                String hex = h.group(1);
                hex = hex.substring(0, Math.min(HEX_COLUMNS, hex.length())).trim();
                for (String pair : hex.split("\\s+")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    if (n == expected) {
                        throw new IllegalStateException(source + ": entry #" + m.group(1) + " has more bytes than " + expected);
                    }
                    bytes[n++] = (byte) Integer.parseInt(pair, 16);
                }
            }
            if (n != expected) {
                throw new IllegalStateException(source + ": entry #" + m.group(1) + " has " + n + " bytes, header says " + expected);
            }
            entries.add(new Entry(Integer.parseInt(m.group(1)), m.group(2), m.group(3), bytes));
        }
        return new Transcript(source, entries);
    }

    /** The entries whose label contains the given text. */
    public List<Entry> labelled(String text) {
        return entries.stream().filter(e -> e.label().contains(text)).toList();
    }
}

package org.opencx.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Autobahn outcomes by case: read from the suite's JSON report ({@code index.json}) or from the
 * committed list of expected outcomes ({@code autobahn-expected.txt}: one case a line, its behaviour
 * and its close behaviour, then a comment), and compared: an outcome worse than expected is a
 * regression.
 */
final class AutobahnOutcomes {
    /** One case's outcome: the suite's behaviour (OK, NON-STRICT, FAILED, ...) and close behaviour. */
    record Outcome(String behavior, String behaviorClose) {
        boolean worseThan(Outcome expected) {
            return rank(behavior) > rank(expected.behavior) || rank(behaviorClose) > rank(expected.behaviorClose);
        }

        boolean betterThan(Outcome expected) {
            return !equals(expected) && !worseThan(expected);
        }

        @Override
        public String toString() {
            return behavior + " " + behaviorClose;
        }
    }

    /** Case ids such as 9.10.2 in their numeric order. */
    static final Comparator<String> CASE_ORDER = (a, b) -> {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    private AutobahnOutcomes() {
    }

    /** Good to bad; INFORMATIONAL is what informational cases always report. */
    static int rank(String behavior) {
        return switch (behavior) {
            case "OK", "INFORMATIONAL" -> 0;
            case "NON-STRICT" -> 1;
            case "UNIMPLEMENTED" -> 2;
            case "WRONG CODE", "UNCLEAN", "FAILED BY CLIENT" -> 3;
            case "FAILED" -> 4;
            default -> throw new IllegalArgumentException("unknown Autobahn behaviour " + behavior);
        };
    }

    /** The outcomes the fuzzingclient reported for this agent. */
    static Map<String, Outcome> fromReport(Path indexJson, String agent) throws IOException {
        JsonNode cases = new ObjectMapper().readTree(indexJson.toFile()).path(agent);
        Map<String, Outcome> out = new TreeMap<>(CASE_ORDER);
        cases.fields().forEachRemaining(e -> out.put(e.getKey(),
                new Outcome(e.getValue().path("behavior").asText(), e.getValue().path("behaviorClose").asText())));
        return out;
    }

    /** The committed expected outcomes: {@code CASE BEHAVIOR BEHAVIOR_CLOSE  # why}, '#' lines are comments. */
    static Map<String, Outcome> expected(InputStream list) throws IOException {
        Map<String, Outcome> out = new TreeMap<>(CASE_ORDER);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int hash = line.indexOf('#');
                String[] f = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                if (f.length == 3) {
                    out.put(f[0], new Outcome(f[1].replace('_', ' '), f[2].replace('_', ' ')));
                } else if (!f[0].isEmpty()) {
                    throw new IllegalArgumentException("not CASE BEHAVIOR BEHAVIOR_CLOSE: " + line);
                }
            }
        }
        return out;
    }

    /** The cases whose outcome is worse than expected. */
    static List<String> worse(Map<String, Outcome> expected, Map<String, Outcome> actual) {
        return actual.entrySet().stream()
                .filter(e -> expected.containsKey(e.getKey()) && e.getValue().worseThan(expected.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    /** What went wrong: cases worse than expected, cases missing from the list or from the report. */
    static List<String> regressions(Map<String, Outcome> expected, Map<String, Outcome> actual, List<String> ran) {
        List<String> problems = new ArrayList<>();
        actual.forEach((c, o) -> {
            Outcome e = expected.get(c);
            if (e == null) {
                problems.add(c + ": " + o + ", not in the expected list");
            } else if (o.worseThan(e)) {
                problems.add(c + ": " + o + ", expected " + e);
            }
        });
        for (String c : ran) {
            if (!actual.containsKey(c)) {
                problems.add(c + ": no outcome in the report");
            }
        }
        return problems;
    }
}

package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.transport.AutobahnOutcomes.Outcome;

/** How the conformance test reads the suite's report and the expected list, and what it counts as worse. */
class AutobahnOutcomesTest {
    private static final String EXPECTED = """
            # comment
            1.1.1 OK OK
            1.1.6 FAILED FAILED         # text over 1024 bytes
            5.1 NON-STRICT OK
            7.13.1 INFORMATIONAL INFORMATIONAL
            """;

    private static Map<String, Outcome> expected() throws Exception {
        return AutobahnOutcomes.expected(new ByteArrayInputStream(EXPECTED.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theReportsOutcomesAreReadByCase(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index.json");
        Files.writeString(index, """
                {"edge": {"1.1.1": {"behavior": "OK", "behaviorClose": "OK", "duration": 3},
                          "2.10": {"behavior": "WRONG CODE", "behaviorClose": "FAILED BY CLIENT"}}}
                """);
        assertThat(AutobahnOutcomes.fromReport(index, "edge")).containsExactly(
                Map.entry("1.1.1", new Outcome("OK", "OK")), Map.entry("2.10", new Outcome("WRONG CODE", "FAILED BY CLIENT")));
    }

    @Test
    void onlyOutcomesWorseThanExpectedAreRegressions() throws Exception {
        Map<String, Outcome> actual = Map.of(
                "1.1.1", new Outcome("OK", "UNCLEAN"),
                "1.1.6", new Outcome("FAILED", "FAILED"),
                "5.1", new Outcome("OK", "OK"),
                "7.13.1", new Outcome("INFORMATIONAL", "INFORMATIONAL"));
        assertThat(AutobahnOutcomes.regressions(expected(), actual, List.of("1.1.1", "1.1.6", "5.1", "7.13.1")))
                .containsExactly("1.1.1: OK UNCLEAN, expected OK OK");
        assertThat(AutobahnOutcomes.worse(expected(), actual)).containsExactly("1.1.1");
        assertThat(actual.get("5.1").betterThan(expected().get("5.1"))).isTrue();
    }

    @Test
    void aCaseMissingFromTheListOrFromTheReportIsAProblem() throws Exception {
        Map<String, Outcome> actual = Map.of("1.1.1", new Outcome("OK", "OK"), "12.1.1", new Outcome("OK", "OK"));
        assertThat(AutobahnOutcomes.regressions(expected(), actual, List.of("1.1.1", "1.1.6")))
                .containsExactlyInAnyOrder("12.1.1: OK OK, not in the expected list", "1.1.6: no outcome in the report");
    }
}

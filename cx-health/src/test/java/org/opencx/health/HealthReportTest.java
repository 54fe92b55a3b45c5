package org.opencx.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON bodies: status, failed names, checks; strings escaped. */
class HealthReportTest {
    @Test
    void upWhenEveryCheckPasses() {
        HealthReport r = new HealthReport(List.of(new CheckResult("pipes", true, "2 of 2"), new CheckResult("listening", true, "yes")));
        assertThat(r.ok()).isTrue();
        assertThat(r.toJson()).isEqualTo("{\"status\":\"UP\",\"failed\":[],\"checks\":[{\"name\":\"pipes\",\"ok\":true,"
                + "\"detail\":\"2 of 2\"},{\"name\":\"listening\",\"ok\":true,\"detail\":\"yes\"}]}");
    }

    @Test
    void downNamesTheFailedChecks() {
        HealthReport r = new HealthReport(List.of(new CheckResult("pipes", false, "0 of 2"), new CheckResult("listening", true, "yes")));
        assertThat(r.ok()).isFalse();
        assertThat(r.failed()).containsExactly("pipes");
        assertThat(r.toJson()).startsWith("{\"status\":\"DOWN\",\"failed\":[\"pipes\"],");
    }

    @Test
    void stringsAreEscaped() {
        HealthReport r = new HealthReport(List.of(new CheckResult("pipes", true, "a\"b\\c\nd\u0001")));
        assertThat(r.toJson()).isEqualTo("{\"status\":\"UP\",\"failed\":[],\"checks\":[{\"name\":\"pipes\",\"ok\":true,"
                + "\"detail\":\"a\\\"b\\\\c\\nd\\u0001\"}]}");
    }
}

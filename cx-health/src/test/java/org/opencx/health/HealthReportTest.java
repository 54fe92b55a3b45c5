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

    @Test
    void nodesAreListedWhenThereAreSome() {
        HealthReport r = new HealthReport(List.of(new CheckResult("pipes", true, "5 of 10")),
                List.of(PlatformPipes.of(java.net.URI.create("wss://user:pw@p1:8443/Thingworx/WS?x=1"), 5, 4, 5),
                        PlatformPipes.of(java.net.URI.create("wss://p2:8443/Thingworx/WS"), 0, 0, 5)));
        assertThat(r.toJson()).isEqualTo("{\"status\":\"UP\",\"failed\":[],\"checks\":[{\"name\":\"pipes\",\"ok\":true,"
                + "\"detail\":\"5 of 10\"}],\"nodes\":[{\"url\":\"wss://p1:8443/Thingworx/WS\",\"ready\":5,\"writable\":4,"
                + "\"configured\":5},{\"url\":\"wss://p2:8443/Thingworx/WS\",\"ready\":0,\"writable\":0,\"configured\":5}]}");
    }
}

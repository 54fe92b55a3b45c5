package org.opencx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The keys of the hostile-input limits: {@code cx-server.protocol.request-parse-timeout},
 * {@code no-request-timeout}, {@code max-header-size}, {@code max-headers} and
 * {@code cx-server.routing.max-things-per-bind}, {@code max-things-per-session}.
 */
class HostileInputKeysTest {
    @Test
    void defaultsAreFiveAndTenSeconds32kAHundredHeadersAndTenThousandThings() {
        CxServerSettings s = TestConfigs.load(TestConfigs.valid());
        assertThat(s.edge().requests()).isEqualTo(RequestLimits.DEFAULTS)
                .isEqualTo(new RequestLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 32 * 1024, 100));
        assertThat(s.routing().maxThingsPerBind()).isEqualTo(10_000);
        assertThat(s.routing().maxThingsPerSession()).isEqualTo(10_000);
    }

    @Test
    void everyKeyIsRead() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.protocol { request-parse-timeout = 2s, no-request-timeout = 3000, max-header-size = 8k, max-headers = 20 }
                cx-server.routing { max-things-per-bind = 100, max-things-per-session = 500 }
                """);
        assertThat(s.edge().requests()).isEqualTo(new RequestLimits(Duration.ofSeconds(2), Duration.ofSeconds(3), 8192, 20));
        assertThat(s.routing().maxThingsPerBind()).isEqualTo(100);
        assertThat(s.routing().maxThingsPerSession()).isEqualTo(500);
    }

    @Test
    void badValuesAreProblemsNamingTheKey() {
        assertThat(TestConfigs.problems("""
                cx-server.protocol { request-parse-timeout = 0s, no-request-timeout = -1s, max-header-size = 0, max-headers = 0 }
                cx-server.routing { max-things-per-bind = 0, max-things-per-session = -3 }
                """)).extracting(ConfigProblem::path, ConfigProblem::expected).containsExactlyInAnyOrder(
                tuple("cx-server.protocol.request-parse-timeout", "a positive duration"),
                tuple("cx-server.protocol.no-request-timeout", "a positive duration"),
                tuple("cx-server.protocol.max-header-size", "a positive size below 2g"),
                tuple("cx-server.protocol.max-headers", "a positive whole number"),
                tuple("cx-server.routing.max-things-per-bind", "a positive whole number"),
                tuple("cx-server.routing.max-things-per-session", "a positive whole number"));
    }
}

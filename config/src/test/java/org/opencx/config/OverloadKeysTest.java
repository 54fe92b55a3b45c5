package org.opencx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

/**
 * The overload keys: {@code cx-server.protocol.max-connections}, {@code max-new-connections-per-second},
 * {@code max-new-connections-burst}, {@code max-connecting}, {@code cx-server.websockets.max-compressed-sessions}
 * and {@code cx-server.routing.max-auths-in-flight}.
 */
class OverloadKeysTest {
    @Test
    void defaults() {
        CxServerSettings s = TestConfigs.load(TestConfigs.valid());
        assertThat(s.edge().overload()).isEqualTo(OverloadLimits.DEFAULTS)
                .isEqualTo(new OverloadLimits(100_000, 5000, 20_000, 1000, 2000));
        assertThat(s.routing().maxAuthsInFlight()).isEqualTo(20_000);
    }

    @Test
    void everyKeyIsRead() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.protocol { max-connections = 300, max-new-connections-per-second = 20,
                                     max-new-connections-burst = 40, max-connecting = 10 }
                cx-server.websockets.max-compressed-sessions = 0
                cx-server.routing.max-auths-in-flight = 7
                """);
        assertThat(s.edge().overload()).isEqualTo(new OverloadLimits(300, 20, 40, 10, 0));
        assertThat(s.routing().maxAuthsInFlight()).isEqualTo(7);
    }

    @Test
    void badValuesAreProblemsNamingTheKey() {
        assertThat(TestConfigs.problems("""
                cx-server.protocol { max-connections = 0, max-new-connections-per-second = -1,
                                     max-new-connections-burst = 0, max-connecting = 0 }
                cx-server.websockets.max-compressed-sessions = -1
                cx-server.routing.max-auths-in-flight = 0
                """)).extracting(ConfigProblem::path, ConfigProblem::expected).containsExactlyInAnyOrder(
                tuple("cx-server.protocol.max-connections", "a positive whole number"),
                tuple("cx-server.protocol.max-new-connections-per-second", "a positive whole number"),
                tuple("cx-server.protocol.max-new-connections-burst", "a positive whole number"),
                tuple("cx-server.protocol.max-connecting", "a positive whole number"),
                tuple("cx-server.websockets.max-compressed-sessions", "a whole number of 0 or more"),
                tuple("cx-server.routing.max-auths-in-flight", "a positive whole number"));
    }
}

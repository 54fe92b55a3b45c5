package org.opencx.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code cx-server.routing.node-choice}, {@code unwritable-move-after} and {@code no-platform.*}; several platforms. */
class FailoverKeysTest {
    @Test
    void defaultsAreSessionAffinityFiveSecondsAndAMinuteOfGrace() {
        FailoverSettings f = TestConfigs.load(TestConfigs.valid()).routing().failover();
        assertThat(f).isEqualTo(FailoverSettings.DEFAULTS);
        assertThat(f.nodeChoice()).isEqualTo(NodeChoiceRule.SESSION_AFFINITY);
        assertThat(f.unwritableMoveAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(f.gracePeriod()).isEqualTo(Duration.ofSeconds(60));
        assertThat(f.closeBatch()).isEqualTo(500);
        assertThat(f.closeInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyKeyIsRead() {
        FailoverSettings f = TestConfigs.load("""
                cx-server.routing {
                  node-choice = round-robin
                  unwritable-move-after = 2s
                  no-platform { grace-period = 0, close-batch = 20, close-interval = 250ms }
                }
                """).routing().failover();
        assertThat(f).isEqualTo(new FailoverSettings(NodeChoiceRule.ROUND_ROBIN, Duration.ofSeconds(2), Duration.ZERO,
                20, Duration.ofMillis(250)));
    }

    @Test
    void theRuleIsReadInAnyCaseWithHyphensOrUnderscores() {
        assertThat(TestConfigs.load("cx-server.routing.node-choice = SESSION_AFFINITY").routing().failover().nodeChoice())
                .isEqualTo(NodeChoiceRule.SESSION_AFFINITY);
        assertThat(TestConfigs.load("cx-server.routing.node-choice = Round-Robin").routing().failover().nodeChoice())
                .isEqualTo(NodeChoiceRule.ROUND_ROBIN);
    }

    @Test
    void badValuesAreProblemsNamingTheKey() {
        assertThat(TestConfigs.problems("""
                cx-server.routing {
                  node-choice = sticky
                  unwritable-move-after = 0s
                  no-platform { grace-period = -1s, close-batch = 0, close-interval = 0 }
                }
                """)).extracting(ConfigProblem::path, ConfigProblem::expected).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("cx-server.routing.node-choice", "one of session-affinity, round-robin"),
                org.assertj.core.groups.Tuple.tuple("cx-server.routing.unwritable-move-after", "a positive duration"),
                org.assertj.core.groups.Tuple.tuple("cx-server.routing.no-platform.grace-period", "a duration of 0 or more"),
                org.assertj.core.groups.Tuple.tuple("cx-server.routing.no-platform.close-batch", "a positive whole number"),
                org.assertj.core.groups.Tuple.tuple("cx-server.routing.no-platform.close-interval", "a positive duration"));
    }

    @Test
    void everyPlatformOfTheListIsANodeAndEachOnlyOnce() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.transport.websockets.platforms = ["wss://a.test:443/Thingworx/WS", "wss://b.test:443/Thingworx/WS"]
                """);
        assertThat(s.platform().platforms()).containsExactly(URI.create("wss://a.test:443/Thingworx/WS"),
                URI.create("wss://b.test:443/Thingworx/WS"));
        assertThat(TestConfigs.problems("""
                cx-server.transport.websockets.platforms = ["wss://a.test:443/Thingworx/WS", "wss://a.test:443/Thingworx/WS"]
                """)).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("cx-server.transport.websockets.platforms");
                    assertThat(p.expected()).startsWith("each platform node once");
                });
    }
}

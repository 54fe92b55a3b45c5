package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.StatusCode;
import org.opencx.config.FailoverSettings;
import org.opencx.config.RoutingSettings;

/** No node connected: edges are kept for the grace period, then closed in jittered batches (1013). */
class NoPlatformGraceTest {
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int BATCH = 3;
    private static final Duration STEP = Duration.ofMillis(50);

    private static Script script(Duration grace) {
        return new Script(RoutingSettings.DEFAULTS.withFailover(
                FailoverSettings.DEFAULTS.withNoPlatform(grace, BATCH, INTERVAL)), 2, 1);
    }

    private final Script script = script(GRACE);

    private List<EdgeSession> sessions(Script s, int n) {
        List<EdgeSession> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.authenticated());
        }
        return out;
    }

    private static long closed(List<EdgeSession> sessions) {
        return sessions.stream().filter(s -> !Script.edge(s).closes().isEmpty()).count();
    }

    @Test
    void edgesAreKeptForTheGracePeriodThenClosedInJitteredBatches() {
        List<EdgeSession> all = sessions(script, 10);
        script.allPipesDown();
        long lostAt = script.clock.millis();
        while (script.clock.millis() - lostAt < GRACE.toMillis() - STEP.toMillis()) {
            script.tick(STEP);
        }
        assertThat(closed(all)).as("nothing closed within the grace period").isZero();

        List<Long> batchTimes = new ArrayList<>();
        long before = 0;
        while (closed(all) < all.size()) {
            script.tick(STEP);
            long now = closed(all);
            if (now > before) {
                assertThat(now - before).isEqualTo(Math.min(BATCH, all.size() - before));
                batchTimes.add(script.clock.millis() - lostAt);
                before = now;
            }
        }
        assertThat(batchTimes).hasSize(4);
        assertThat(batchTimes.get(0)).isEqualTo(GRACE.toMillis());
        for (int i = 1; i < batchTimes.size(); i++) {
            assertThat(batchTimes.get(i) - batchTimes.get(i - 1)).as("gap %d", i)
                    .isBetween(INTERVAL.toMillis() / 2, INTERVAL.toMillis() * 3 / 2 + STEP.toMillis());
        }
        assertThat(all).allSatisfy(s -> assertThat(Script.edge(s).closes()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo(1013);
            assertThat(c.reason()).matches("no connection to the platform for 1[0-9] s; try again later");
        }));
        assertThat(script.router.counters().noPlatformCloses()).isEqualTo(10);
    }

    @Test
    void aNodeBackWithinTheGracePeriodGetsTheSessionsReplayedAndNothingIsClosed() {
        List<EdgeSession> all = sessions(script, 4);
        script.allPipesDown();
        script.tick(GRACE.minusSeconds(1));
        FakePipes back = script.node(2);
        back.clear();
        script.nodeUp(back);
        assertThat(back.all().get(0).messages()).hasSize(4).allMatch(Auth.class::isInstance);
        back.all().get(0).messages().forEach(m -> script.answer(back.get(0), m, StatusCode.SUCCESS, 0x7000, null));

        script.tick(GRACE.multipliedBy(3));
        assertThat(closed(all)).isZero();
        assertThat(all).allSatisfy(s -> {
            assertThat(s.nodeId()).isEqualTo(2);
            assertThat(s.awaitingReplay()).isFalse();
        });
        assertThat(script.router.counters().noPlatformCloses()).isZero();
    }

    @Test
    void theGracePeriodStartsAgainAfterANodeWasBack() {
        List<EdgeSession> all = sessions(script, 2);
        script.allPipesDown();
        script.tick(GRACE.minusSeconds(2));
        script.nodeUp(script.node(1));
        script.tick(STEP);
        script.allPipesDown();
        script.tick(GRACE.minusSeconds(1));
        assertThat(closed(all)).isZero();
        script.tick(Duration.ofSeconds(1));
        assertThat(closed(all)).isEqualTo(2);
    }

    @Test
    void withNoGraceTheFirstBatchGoesAtTheNextLook() {
        Script now = script(Duration.ZERO);
        List<EdgeSession> all = sessions(now, 5);
        now.allPipesDown();
        now.tick(STEP);
        assertThat(closed(all)).isEqualTo(BATCH);
    }

    @Test
    void anEdgeAskedToCloseIsNotAskedAgain() {
        List<EdgeSession> all = sessions(script, 2);
        script.allPipesDown();
        script.tick(GRACE);
        script.tick(INTERVAL.multipliedBy(2));
        script.tick(INTERVAL.multipliedBy(2));
        assertThat(all).allSatisfy(s -> assertThat(Script.edge(s).closes()).hasSize(1));
        assertThat(script.router.counters().noPlatformCloses()).isEqualTo(2);
    }
}

package org.opencx.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ring of the last WARN and ERROR lines captured from Log4j2. */
class Log4jWarningsTest {
    private static final Logger log = LoggerFactory.getLogger("org.opencx.health.warningstest");

    private static java.util.List<String> messages(RecentWarnings w) {
        return w.lines().stream().map(RecentWarnings.LogLine::message).toList();
    }

    @Test
    void keepsTheLastLinesAtWarnAndAboveOnly() {
        try (RecentWarnings w = RecentWarnings.capture(3)) {
            assertThat(w.available()).isTrue();
            log.warn("w1");
            log.info("i1");
            log.debug("d1");
            log.error("e1");
            log.warn("w2");
            log.warn("w3");
            assertThat(messages(w)).containsExactly("e1", "w2", "w3");
            RecentWarnings.LogLine line = w.lines().get(0);
            assertThat(line.level()).isEqualTo("ERROR");
            assertThat(line.logger()).isEqualTo("org.opencx.health.warningstest");
            assertThat(line.time()).isNotNull();
        }
    }

    @Test
    void longMessagesAreCut() {
        try (RecentWarnings w = RecentWarnings.capture(2)) {
            log.warn("x".repeat(5000));
            assertThat(messages(w).get(0)).hasSize(Log4jWarnings.MAX_MESSAGE_CHARS + 1).endsWith("…");
        }
    }

    @Test
    void theCaptureFollowsAReconfiguration() {
        try (RecentWarnings w = RecentWarnings.capture(5)) {
            log.warn("before");
            ((LoggerContext) LogManager.getContext(false)).reconfigure();
            log.warn("after");
            assertThat(messages(w)).containsExactly("before", "after");
        }
    }

    @Test
    void closedItCapturesNothingMore() {
        RecentWarnings w = RecentWarnings.capture(5);
        log.warn("kept");
        w.close();
        log.warn("not kept");
        assertThat(messages(w)).containsExactly("kept");
        assertThat(((LoggerContext) LogManager.getContext(false)).getConfiguration().getRootLogger().getAppenders())
                .noneSatisfy((name, a) -> assertThat(name).startsWith("cx-health-warnings"));
    }
}

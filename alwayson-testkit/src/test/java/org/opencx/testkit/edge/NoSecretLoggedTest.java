package org.opencx.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencx.testkit.edge.EdgeFixtures.client;
import static org.opencx.testkit.edge.EdgeFixtures.connected;
import static org.opencx.testkit.edge.EdgeFixtures.failure;
import static org.opencx.testkit.edge.EdgeFixtures.get;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.opencx.testkit.platform.ReferencePlatform;

/** With DEBUG on org.opencx, neither an accepted nor a refused application key reaches the log. */
class NoSecretLoggedTest {
    static final String THING = "Quiet1";
    static final String WRONG_KEY = "f00dbabe-wrong-key-0000-123456789abc";

    @Test
    void noApplicationKeyIsEverLogged() {
        try (TestLogs logs = TestLogs.capture("org.opencx", Level.DEBUG)) {
            try (ReferencePlatform platform = EdgeFixtures.started(EdgeFixtures.platform().thing(THING));
                 EdgeClient device = client(platform.wsUri(), THING).build();
                 EdgeClient intruder = EdgeClient.builder(platform.wsUri()).appKey(WRONG_KEY).thing(THING).build()) {
                connected(device);
                get(device.pushProperty(THING, "Level", 1));
                failure(intruder.connect());
                assertThat(device.settings().toString()).doesNotContain(EdgeFixtures.KEY);
                assertThat(platform.settings().toString()).doesNotContain(EdgeFixtures.KEY);
            }
            assertThat(logs.lines()).as("DEBUG lines were captured").anyMatch(l -> l.startsWith("DEBUG"));
            assertThat(logs.lines()).anyMatch(l -> l.contains("AUTH refused"));
            assertThat(logs.lines()).noneMatch(l -> l.contains(EdgeFixtures.KEY)).noneMatch(l -> l.contains(WRONG_KEY));
        }
    }
}

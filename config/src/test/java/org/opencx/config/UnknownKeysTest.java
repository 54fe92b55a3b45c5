package org.opencx.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A key the server does not read is a problem, with the closest known key suggested. */
class UnknownKeysTest {
    private static ConfigProblem only(String hocon) {
        List<ConfigProblem> problems = TestConfigs.problems(hocon);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void aTypoSuggestsTheKey() {
        ConfigProblem p = only("cx-server.websockets.idle-timout-ms = 5000");
        assertThat(p.line()).isEqualTo("cx-server.websockets.idle-timout-ms: found \"5000\", expected a key this "
                + "server reads (did you mean cx-server.websockets.idle-timeout-ms?)");
    }

    @Test
    void caseIsIgnoredInSuggestions() {
        ConfigProblem p = only("cx-server.transport.websockets.connections.pingrate = 10s");
        assertThat(p.expected()).contains("did you mean cx-server.transport.websockets.connections.pingRate?");
    }

    @Test
    void aKeyInTheWrongGroupSuggestsWhereItBelongs() {
        ConfigProblem p = only("cx-server.idle-timeout-ms = 5000");
        assertThat(p.expected()).contains("did you mean cx-server.websockets.idle-timeout-ms?");
    }

    @Test
    void aKeyFarFromAnyPointsToTheLongSample() {
        ConfigProblem p = only("cx-server.transport.websockets.selector.strategy = 8");
        assertThat(p.path()).isEqualTo("cx-server.transport.websockets.selector.strategy");
        assertThat(p.expected()).isEqualTo("a key this server reads (see config/cxserver-long-sample.conf)");
    }

    @Test
    void keysOutsideCxServerAreNotOurs() {
        TestConfigs.load("akka.loglevel = DEBUG\nmetrics.enabled = true");
    }

    @Test
    void editDistance() {
        assertThat(EditDistance.between("pingRate", "pingrate")).isZero();
        assertThat(EditDistance.between("idle-timeout", "idle-timout")).isEqualTo(1);
        assertThat(EditDistance.between("port", "host")).isEqualTo(2);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    }
}

package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;

/** stop() closes every socket and forgets sessions; start() listens again on the same port. */
class RestartTest {
    static final String KEY = "restart-key";

    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(KEY).thing("Keep1").autoCreateThings(true).build();
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void restartOnTheSamePortKeepsThingsAndValues() throws Exception {
        int port = platform.port();
        assertThat(port).isPositive();
        ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, "Keep1", "Auto1");
        InfoTable vtq = InfoTable.builder().field("name", BaseType.STRING).field("value", BaseType.VARIANT)
                .row("Level", 5.0).build();
        assertThat(edge.call(MethodCode.POST, "Auto1", Characteristic.SERVICES, "UpdateSubscribedPropertyValues",
                InfoTable.builder().field("values", BaseType.INFOTABLE).row(vtq).build()).isSuccess()).isTrue();

        platform.stop();
        assertThat(platform.running()).isFalse();
        assertThat(edge.awaitClose().code()).isEqualTo(1001);
        assertThat(platform.thing("Keep1").orElseThrow().connected()).isFalse();
        assertThat(platform.thing("Auto1").orElseThrow().value("Level").value()).isEqualTo(Primitive.number(5.0));
        assertThat(platform.counters().sessionsActive()).isZero();
        assertThat(platform.counters().connectionsActive()).isZero();

        platform.start();
        assertThat(platform.port()).isEqualTo(port);
        try (ScriptedEdge again = ScriptedEdge.bound(platform.wsUri(), KEY, "Keep1", "Auto1")) {
            assertThat(again.sessionId()).isNotEqualTo(edge.sessionId());
            assertThat(platform.thing("Keep1").orElseThrow().connected()).isTrue();
            assertThat(platform.counters().sessionsActive()).isEqualTo(1);
            assertThat(platform.counters().sessionsOpened()).isEqualTo(2);
        }
        platform.start(); // already running: nothing happens
        assertThat(platform.port()).isEqualTo(port);
    }

    @Test
    void killClosesEverySocketWithoutACloseFrameAndStartListensAgain() throws Exception {
        ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, "Keep1");
        JdkWebSocket plain = JdkWebSocket.connect(platform.wsUri(), KEY); // Undertow's client reports a lost connection as 1001
        platform.kill();
        assertThat(platform.running()).isFalse();
        assertThat(plain.closed.get(5, TimeUnit.SECONDS).code()).as("no close frame: the connection just ends").isEqualTo(1006);
        assertThat(edge.awaitClose().reason()).isNotEqualTo("Platform stopping");
        assertThat(platform.thing("Keep1").orElseThrow().connected()).isFalse();
        assertThat(platform.counters().connectionsActive()).isZero();

        platform.start();
        try (ScriptedEdge again = ScriptedEdge.bound(platform.wsUri(), KEY, "Keep1")) {
            assertThat(platform.thing("Keep1").orElseThrow().connected()).isTrue();
        }
    }
}

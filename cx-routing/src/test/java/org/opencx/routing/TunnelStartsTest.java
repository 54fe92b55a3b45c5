package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Request;
import org.opencx.config.RoutingSettings;

/** A node's StartTunnel on its way to the edge tells which node started which tunnel. */
class TunnelStartsTest {
    private final Script script = new Script(RoutingSettings.DEFAULTS, 3, 1);
    private final List<String> started = new ArrayList<>();

    private static Request startTunnel(String service, String tid) {
        InfoTable params = InfoTable.builder().field("tid", BaseType.STRING).field("type", BaseType.STRING)
                .field("chunksize", BaseType.INTEGER).field("connection", BaseType.STRING)
                .row(tid, "tcp", 8192, "{\"host\":\"127.0.0.1\",\"port\":22}").build();
        return Request.of(MethodCode.POST, 0, "Dev1", Characteristic.SERVICES, service, params);
    }

    private void fromNode(int node, Request r, EdgeSession target) {
        FakePipe pipe = script.node(node).pipes().get(0);
        Request sent = r.withHeader(Header.of(r.header().code(), 77, target.endpointId(), target.platformSessionId()));
        script.router.onPipeMessage(pipe, Script.encode(sent));
    }

    @Test
    void theNodeThatSentStartTunnelIsNamedWithItsTid() {
        script.router.onTunnelStarted((tid, node) -> started.add(tid + "@" + node));
        EdgeSession s = script.authenticated();
        script.bound(s, "Dev1");

        fromNode(2, startTunnel("StartTunnel", "tid-a"), s);
        fromNode(3, startTunnel("StartTunnel", "tid-b"), s);
        fromNode(1, startTunnel("CompleteTunnel", "tid-c"), s); // not a start

        assertThat(started).containsExactly("tid-a@2", "tid-b@3");
        // The request itself reached the edge with its params untouched.
        assertThat(Script.edge(s).messages()).filteredOn(m -> m instanceof Request q
                && q.characteristicName().equals("StartTunnel")).hasSize(2);
    }

    @Test
    void withoutAListenerNothingIsDecoded() {
        EdgeSession s = script.authenticated();
        script.bound(s, "Dev1");
        fromNode(1, startTunnel("StartTunnel", "tid-a"), s);
        assertThat(Script.edge(s).messages()).filteredOn(m -> m instanceof Request).hasSize(1);
    }
}

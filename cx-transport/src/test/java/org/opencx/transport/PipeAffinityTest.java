package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.routing.PipeLink;
import org.xnio.XnioIoThread;

/**
 * An edge's message leaves on a pipe of the edge's own I/O thread when there is one (no hand-over
 * to another thread); from any other thread the pipe is the first writable one from
 * {@code affinity mod n} on, as before.
 */
class PipeAffinityTest {
    private static final int PIPES = 3;

    @Test
    void aPipeOfTheCallingIoThreadIsPreferred() throws Exception {
        try (RelayFixture f = RelayFixture.setup().pipes(PIPES).start()) {
            NodePipes group = f.relay.nodes().nodes().get(0);
            RelayFixture.await("all pipes writable", RelayFixture.WAIT, () -> group.writableCount() == PIPES);
            Set<XnioIoThread> threads = new HashSet<>();
            for (int i = 0; i < PIPES; i++) {
                threads.add(group.pipes().get(i).ioThread());
            }
            for (XnioIoThread thread : threads) {
                CompletableFuture<List<PipeLink>> picked = new CompletableFuture<>();
                thread.execute(() -> {
                    List<PipeLink> p = new ArrayList<>();
                    for (int affinity = 0; affinity < 2 * PIPES; affinity++) {
                        p.add(group.pick(affinity));
                    }
                    picked.complete(p);
                });
                assertThat(picked.get(10, TimeUnit.SECONDS)).allSatisfy(p ->
                        assertThat(((PlatformPipe) p).ioThread()).isSameAs(thread));
            }
            for (int affinity = 0; affinity < 2 * PIPES; affinity++) {
                assertThat(group.pick(affinity)).as("from the test's own thread").isSameAs(group.pipes().get(affinity % PIPES));
            }
        }
    }
}

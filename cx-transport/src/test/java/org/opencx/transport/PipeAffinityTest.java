package org.opencx.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.PipeLink;
import org.opencx.testkit.edge.EdgeClient;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * A node's pipes sit on distinct I/O threads (pipe i on thread i mod n), and an edge's message
 * leaves on a pipe of the edge's own I/O thread when there is one (no hand-over to another
 * thread); from any other thread, or when its thread's pipe is gone, the pipe is the first
 * writable one from {@code affinity mod n} on, as before.
 */
class PipeAffinityTest {
    private static final int PIPES = 3;
    private static final int DEVICES = 12;
    private static final int PUSHES = 10;

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

    @Test
    void pipeIOfANodeLivesOnIoThreadIModNAlsoWhenReopened() throws Exception {
        int threads = 3;
        int pipes = 5;
        try (RelayFixture f = RelayFixture.setup().ioThreads(threads).pipes(pipes).start()) {
            XnioWorker worker = f.relay.worker();
            NodePipes node = f.relay.nodes().nodes().get(0);
            for (int i = 0; i < pipes; i++) {
                assertThat(node.pipes().get(i).ioThread()).as("pipe %d", i).isSameAs(worker.getIoThread(i % threads));
            }
            PlatformPipe second = node.pipes().get(1);
            long reconnects = f.relay.counters().pipeReconnects();
            node.drop(1);
            f.await("pipe 1 reopened", () -> f.relay.counters().pipeReconnects() > reconnects && second.isReady());
            assertThat(second.ioThread()).isSameAs(worker.getIoThread(1));
        }
    }

    @Test
    void anEdgesMessagesLeaveOnThePipeOfItsOwnThread() throws Exception {
        int threads = 4;
        try (RelayFixture f = RelayFixture.setup().ioThreads(threads).pipes(threads).start()) {
            List<String> things = things();
            List<EdgeClient> devices = connect(f, things);
            assertThat(f.relay.endpoint().socketThreads()).as("the edges are spread over the I/O threads").hasSizeGreaterThan(1);
            List<PlatformPipe> pipes = f.relay.nodes().nodes().get(0).pipes();
            long before = handedOver(pipes);
            push(devices, things);
            assertThat(handedOver(pipes)).as("sends handed from an edge's thread to another pipe's").isEqualTo(before);
        }
    }

    @Test
    void withThePipeOfItsThreadGoneAnEdgesMessagesGoOnAnother() throws Exception {
        try (RelayFixture f = RelayFixture.setup().ioThreads(2).pipes(2)
                .link(l -> l.withReconnectBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1))).start()) {
            List<String> things = things();
            List<EdgeClient> devices = connect(f, things);
            XnioIoThread first = f.relay.worker().getIoThread(0);
            assertThat(f.relay.endpoint().socketThreads()).as("some edges on the thread of pipe 0").contains(first);
            NodePipes node = f.relay.nodes().nodes().get(0);
            node.drop(0);
            f.await("pipe 0 down", () -> node.readyCount() == 1);
            PlatformPipe other = node.pipes().get(1);
            long before = other.handedOver();
            push(devices, things);
            assertThat(other.handedOver()).as("the pushes of the edges on pipe 0's thread, handed to pipe 1").isGreaterThan(before);
            assertThat(node.pipes().get(0).isReady()).as("pipe 0 still down (its back-off is a minute)").isFalse();
        }
    }

    private static List<String> things() {
        List<String> things = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            things.add("Affinity" + i);
        }
        return things;
    }

    private static List<EdgeClient> connect(RelayFixture f, List<String> things) throws Exception {
        List<EdgeClient.Builder> builders = new ArrayList<>();
        for (String t : things) {
            builders.add(f.device(t));
        }
        List<EdgeClient> devices = f.connectAll(builders, DEVICES);
        f.awaitBound(things, true);
        return devices;
    }

    /** Every device pushes {@link #PUSHES} values, one after the other; each must succeed. */
    private static void push(List<EdgeClient> devices, List<String> things) throws Exception {
        for (int n = 1; n <= PUSHES; n++) {
            List<CompletableFuture<?>> round = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                int index = i;
                round.add(devices.get(i).pushProperty(things.get(i), PushLoad.PROPERTY, n).thenAccept(r ->
                        assertThat(r.status()).as("push of %s", things.get(index)).isEqualTo(StatusCode.SUCCESS)));
            }
            CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).get(RelayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static long handedOver(List<PlatformPipe> pipes) {
        return pipes.stream().mapToLong(PlatformPipe::handedOver).sum();
    }
}

package org.opencx.routing;

import java.util.List;
import java.util.function.Predicate;

/**
 * One platform node as routing sees it: its {@code pipe-count} pipes. The transport implements it;
 * tests use fakes. Routing chooses a node ({@link NodeChoice}), then a pipe of that node.
 */
public interface PlatformNode {
    /** Server-wide id, never 0, never reused while the server runs. */
    int id();

    /** Where the node is, without user info: for logs and the status page. */
    String name();

    /** The node's pipes, ready or not, in a stable order. */
    List<? extends PipeLink> pipes();

    /**
     * A writable pipe: the one at {@code affinity} modulo the pipe count when it is writable (so that
     * a session sticks to one pipe and its messages stay in order), else the next writable.
     *
     * @return null when no pipe of the node is writable
     */
    default PipeLink pick(int affinity) {
        return firstFrom(affinity, PipeLink::isWritable);
    }

    /**
     * A pipe for a session's lifecycle (AUTH, BIND, UNBIND and the CS's own UNBINDs and replays):
     * a writable one as {@link #pick} gives, else a ready one above its high-water mark but below
     * its hard ceiling ({@link PipeLink#takesLifecycle()}). The mark is there to stop data from
     * piling up on a slow pipe; these messages are few and small, and refusing them turns a
     * reconnect storm, which fills the pipes with UNBINDs, AUTHs and BINDs at once, into failed
     * logins and more reconnects.
     *
     * @return null when no pipe of the node is ready below its ceiling
     */
    default PipeLink pickForLifecycle(int affinity) {
        PipeLink writable = pick(affinity);
        return writable != null ? writable : firstFrom(affinity, PipeLink::takesLifecycle);
    }

    /** The pipe of this node with this id when it is ready; null when it is not ready or not this node's. */
    default PipeLink ready(int pipeId) {
        PipeLink p = firstFrom(0, q -> q.id() == pipeId);
        return p != null && p.isReady() ? p : null;
    }

    /** Connected: at least one pipe is ready. */
    default boolean anyReady() {
        return firstFrom(0, PipeLink::isReady) != null;
    }

    /** At least one pipe is ready and below its high water mark. */
    default boolean anyWritable() {
        return firstFrom(0, PipeLink::isWritable) != null;
    }

    /** At least one pipe is ready and below its hard ceiling. */
    default boolean takesLifecycle() {
        return firstFrom(0, PipeLink::takesLifecycle) != null;
    }

    /** The first pipe from {@code affinity} modulo the pipe count on that passes {@code test}, or null. */
    private PipeLink firstFrom(int affinity, Predicate<PipeLink> test) {
        List<? extends PipeLink> pipes = pipes();
        int n = pipes.size();
        int start = n == 0 ? 0 : Math.floorMod(affinity, n);
        for (int i = 0; i < n; i++) {
            PipeLink p = pipes.get((start + i) % n);
            if (test.test(p)) {
                return p;
            }
        }
        return null;
    }
}

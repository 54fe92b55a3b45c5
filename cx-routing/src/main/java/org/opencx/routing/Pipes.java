package org.opencx.routing;

/** The pipes to the platform, from which routing picks one per message. */
public interface Pipes {
    /**
     * A writable pipe, the one at {@code affinity} modulo the pipe count when it is writable (so
     * that a session sticks to one pipe and its messages stay in order), else the next writable.
     *
     * @return null when no pipe is writable
     */
    PipeLink pick(int affinity);

    /**
     * A pipe for a session's lifecycle (AUTH, BIND, UNBIND and the CS's own UNBINDs and replays):
     * a writable one as {@link #pick} gives, else a ready one above its high-water mark but below
     * its hard ceiling ({@link PipeLink#takesLifecycle()}). The mark is there to stop data from
     * piling up on a slow pipe; these messages are few and small, and refusing them turns a
     * reconnect storm, which fills the pipes with UNBINDs, AUTHs and BINDs at once, into failed
     * logins and more reconnects.
     *
     * @return null when no pipe is ready below its ceiling
     */
    default PipeLink pickForLifecycle(int affinity) {
        PipeLink writable = pick(affinity);
        if (writable != null) {
            return writable;
        }
        int n = count();
        int start = n == 0 ? 0 : Math.floorMod(affinity, n);
        for (int i = 0; i < n; i++) {
            PipeLink p = ready((start + i) % n);
            if (p != null && p.takesLifecycle()) {
                return p;
            }
        }
        return null;
    }

    /** A pipe by index, or null when it is not ready. */
    PipeLink ready(int index);

    /** How many pipes there are, ready or not. */
    int count();

    /** True when at least one pipe is ready. */
    boolean anyReady();
}

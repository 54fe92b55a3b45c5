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

    /** A pipe by index, or null when it is not ready. */
    PipeLink ready(int index);

    /** True when at least one pipe is ready. */
    boolean anyReady();
}

package org.opencx.routing;

import java.util.List;

/**
 * The platform nodes the relay knows now. The set changes at run time (nodes come and go: a static
 * list, later discovery); routing reads it at each decision and is told of changes through
 * {@link Router#onNodeLeft(int)} and the pipes' own events.
 */
public interface PlatformNodes {
    /** The nodes known now, in the order they came: a snapshot, safe to iterate while the set changes. */
    List<? extends PlatformNode> nodes();

    /** The node with this id, or null when it is not (or no longer) known. */
    PlatformNode node(int id);

    /** At least one node is connected (has a ready pipe). */
    default boolean anyReady() {
        for (PlatformNode n : nodes()) {
            if (n.anyReady()) {
                return true;
            }
        }
        return false;
    }
}

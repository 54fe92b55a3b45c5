package org.opencx.testkit.platform;

import java.util.List;
import org.opencx.alwayson.StatusCode;

/** What a BIND did: bound some things (possibly none new), or refused all of them. */
sealed interface BindOutcome {
    /** Success; {@code newlyBound} lists the things this BIND bound to its session (not already bound there). */
    record Bound(List<Thing> newlyBound) implements BindOutcome {
    }

    /** Nothing was bound; answer with this status and reason. */
    record Refused(StatusCode status, String reason) implements BindOutcome {
    }
}

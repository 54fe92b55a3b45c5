package org.opencx.transport;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted listener connection, from its accept to its close: it counts as opening until it is
 * through (an AlwaysOn socket: its AUTH answered; any other request: a handler has it), and as open
 * until it closes. Each of the two ends once, from whatever thread sees it first.
 */
final class ConnectionTicket {
    private final ListenerAdmission admission;
    private final AtomicBoolean through = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    ConnectionTicket(ListenerAdmission admission) {
        this.admission = admission;
    }

    /** The connection is through its opening (a second call does nothing). */
    void through() {
        if (!through.get() && through.compareAndSet(false, true)) {
            admission.through();
        }
    }

    /** The connection closed: through, if it was not yet, and no longer open. */
    void closed() {
        if (closed.compareAndSet(false, true)) {
            through();
            admission.closed();
        }
    }
}

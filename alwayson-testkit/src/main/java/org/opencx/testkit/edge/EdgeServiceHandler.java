package org.opencx.testkit.edge;

import org.opencx.alwayson.InfoTable;

/**
 * A service a thing offers to the platform. Runs on an I/O thread: it must not block. Throw
 * {@link ServiceException} to answer with an error status.
 */
@FunctionalInterface
public interface EdgeServiceHandler {
    /** @param params the request's parameters ({@link InfoTable#EMPTY} when none); returns the result or null */
    InfoTable invoke(InfoTable params);
}

package org.opencx.testkit.socket;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A request got no response within its timeout. */
public final class RequestTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String what, Duration timeout) {
        super(what + " got no response within " + timeout.toMillis() + " ms");
    }
}

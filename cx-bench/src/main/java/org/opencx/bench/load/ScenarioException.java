package org.opencx.bench.load;

/** A scenario could not run as asked (no server connected, ...): the launcher prints it and exits with 1. */
final class ScenarioException extends Exception {
    ScenarioException(String message) {
        super(message);
    }
}

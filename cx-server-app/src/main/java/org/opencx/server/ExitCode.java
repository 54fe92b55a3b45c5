package org.opencx.server;

/** What the launcher's exit code says failed. */
public enum ExitCode {
    OK(0),
    /** Something unexpected; the log says what. */
    FAILURE(1),
    /** The command line was wrong; the usage text was printed. */
    USAGE(2),
    /** The configuration is invalid; one line per problem was printed. */
    CONFIGURATION(3),
    /** The edge port or the health port is in use (the message names the key). */
    PORT_IN_USE(4),
    /** The listener or TLS could not start. */
    START_FAILED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

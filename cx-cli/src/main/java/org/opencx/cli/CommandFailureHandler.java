package org.opencx.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A command that failed with an exception it did not handle: {@code <command>: <message>} on
 * stderr and the exit code for a failure (1), no stack trace. A program that tells failures
 * apart by exit code sets its own handler instead.
 */
final class CommandFailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        PrintWriter err = cmd.getErr();
        err.println(UsageErrorHandler.name(cmd.getCommandSpec()) + ": "
                + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }
}

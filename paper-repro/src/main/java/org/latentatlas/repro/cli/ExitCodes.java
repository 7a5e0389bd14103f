package org.latentatlas.repro.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The exit codes of {@code atlas} and the handler that maps exceptions onto them: bad input
 * ({@link IllegalArgumentException}) prints its message and exits with {@link #BAD_INPUT}; any
 * other failure prints its stack trace and exits with {@link #FAILURE}.
 */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;

  /** A run failed: an experiment threw, or a file could not be read or written. */
  public static final int FAILURE = 1;

  /** Bad input: usage errors, invalid values, mismatched shapes (picocli's usage code). */
  public static final int BAD_INPUT = CommandLine.ExitCode.USAGE;

  private ExitCodes() {}

  /**
   * Handles an exception thrown by a command: prints it to the command's error writer and
   * returns the exit code.
   *
   * @param ex the exception
   * @param commandLine the command that threw
   * @param parseResult the parse result (unused)
   * @return {@link #BAD_INPUT} for an {@link IllegalArgumentException}, {@link #FAILURE}
   *     otherwise
   */
  public static int handleExecutionException(
      Exception ex, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (ex instanceof IllegalArgumentException) {
      err.println("atlas " + commandLine.getCommandName() + ": error: " + ex.getMessage());
      err.flush();
      return BAD_INPUT;
    }
    err.println("atlas " + commandLine.getCommandName() + ": failed: " + ex);
    ex.printStackTrace(err);
    err.flush();
    return FAILURE;
  }
}

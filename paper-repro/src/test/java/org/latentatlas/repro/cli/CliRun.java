package org.latentatlas.repro.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.latentatlas.repro.Atlas;

/** Runs the {@code atlas} command line in-process with captured output, for tests. */
final class CliRun {

  final int code;
  final String out;
  final String err;

  private CliRun(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Atlas.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}

package org.latentatlas.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * A checker for JShell scripts: runs a {@code .jsh} file snippet by snippet in this JVM and
 * collects every snippet that did not work.
 *
 * <p>{@code jshell script.jsh} exits with status 0 even when a snippet is rejected or throws, so
 * the build cannot rely on it. This runner uses the {@code jdk.jshell} API with the local execution
 * engine (snippets run in the calling JVM and see the given class path), after the {@link
 * #DEFAULT_IMPORTS} of the tool, and counts as a failure:
 *
 * <ul>
 *   <li>a snippet rejected by the compiler (its error diagnostics are reported),
 *   <li>a snippet whose evaluation threw ({@link EvalException}, {@link
 *       UnresolvedReferenceException}),
 *   <li>a declaration whose references are still unresolved when the script ends,
 *   <li>an incomplete snippet at the end of the script,
 *   <li>a JShell command other than {@code /exit} (the runner does not interpret commands).
 * </ul>
 *
 * <p>The script is split into snippets the way the {@code jshell} tool reads it: line by line,
 * asking {@link SourceCodeAnalysis#analyzeCompletion} whether the lines read so far form complete
 * snippets, so multi-line declarations and expressions without a trailing semicolon behave as in
 * an interactive session. Whatever the snippets print (through {@code System.out} and {@code
 * System.err}) is captured into {@link Result#output()} together with the values of variables and
 * expressions, as the tool would echo them.
 *
 * <pre>{@code
 * String classpath = System.getProperty("java.class.path");
 * JShellRunner.Result result = JShellRunner.run(Path.of("src/main/jshell/startup.jsh"), classpath);
 * if (!result.succeeded()) {
 *   throw new AssertionError(result.report());
 * }
 * }</pre>
 *
 * <p>From the command line: {@code java -cp <classpath> org.latentatlas.examples.JShellRunner
 * [--class-path CP] script.jsh...} prints each script's output and failures and exits with status
 * 1 if any script failed.
 */
public final class JShellRunner {

  /**
   * The imports of the {@code jshell} tool's {@code DEFAULT} startup, which runs before a script
   * given on its command line; evaluated first so that scripts behave as in the tool.
   */
  public static final List<String> DEFAULT_IMPORTS =
      List.of(
          "import java.io.*;",
          "import java.math.*;",
          "import java.net.*;",
          "import java.nio.file.*;",
          "import java.util.*;",
          "import java.util.concurrent.*;",
          "import java.util.function.*;",
          "import java.util.prefs.*;",
          "import java.util.regex.*;",
          "import java.util.stream.*;");

  /** Serialises runs: snippet output is captured by swapping the JVM-wide standard streams. */
  private static final Object CONSOLE_LOCK = new Object();

  private JShellRunner() {}

  /**
   * One snippet that did not work.
   *
   * @param line the 1-based line of the script where the snippet starts
   * @param snippet the snippet's source
   * @param reason why it failed: compiler diagnostics, the exception thrown, unresolved references
   */
  public record Failure(int line, String snippet, String reason) {

    @Override
    public String toString() {
      String quoted = "    | " + snippet.strip().replace("\n", "\n    | ");
      return "line " + line + ": " + reason + "\n" + quoted;
    }
  }

  /**
   * The outcome of running one script.
   *
   * @param script the script that was run
   * @param snippetCount the number of snippets evaluated
   * @param failures the snippets that did not work, in script order; empty on success
   * @param output what the snippets printed, with variable and expression values echoed as {@code
   *     name ==> value}
   */
  public record Result(Path script, int snippetCount, List<Failure> failures, String output) {

    /**
     * Creates a result with an unmodifiable copy of the failures.
     *
     * @param script the script that was run
     * @param snippetCount the number of snippets evaluated
     * @param failures the snippets that did not work
     * @param output what the snippets printed
     */
    public Result {
      failures = List.copyOf(failures);
    }

    /**
     * Returns whether every snippet worked.
     *
     * @return true if there is no failure
     */
    public boolean succeeded() {
      return failures.isEmpty();
    }

    /**
     * Returns a human-readable summary: the script, the snippet count and every failure.
     *
     * @return the report, several lines
     */
    public String report() {
      StringBuilder sb = new StringBuilder();
      sb.append(script)
          .append(": ")
          .append(snippetCount)
          .append(" snippets, ")
          .append(failures.size())
          .append(failures.size() == 1 ? " failure" : " failures");
      for (Failure failure : failures) {
        sb.append('\n').append(failure);
      }
      return sb.toString();
    }
  }

  /**
   * Runs a JShell script with the given class path.
   *
   * @param script the {@code .jsh} file, UTF-8
   * @param classpath the class path the snippets compile and run against, entries separated by
   *     {@link File#pathSeparator}; may be empty
   * @return the result, listing every failed snippet
   * @throws IOException if the script cannot be read
   * @throws IllegalArgumentException if an argument is null
   */
  public static Result run(Path script, String classpath) throws IOException {
    requireNonNull("script", script);
    requireNonNull("classpath", classpath);
    return run(script, Files.readString(script, StandardCharsets.UTF_8), classpath);
  }

  /**
   * Runs JShell source text with the given class path.
   *
   * @param name the name reported for the script (a path, possibly not existing)
   * @param source the script text
   * @param classpath the class path the snippets compile and run against; may be empty
   * @return the result, listing every failed snippet
   * @throws IllegalArgumentException if an argument is null
   */
  public static Result run(Path name, String source, String classpath) {
    requireNonNull("name", name);
    requireNonNull("source", source);
    requireNonNull("classpath", classpath);
    synchronized (CONSOLE_LOCK) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      PrintStream captured = new PrintStream(buffer, true, StandardCharsets.UTF_8);
      PrintStream savedOut = System.out;
      PrintStream savedErr = System.err;
      // The local engine does not redirect the snippets' System.out; swap the JVM's streams.
      System.setOut(captured);
      System.setErr(captured);
      try (JShell shell = newShell(classpath, captured)) {
        Session session = new Session(shell, source, captured);
        session.runAll();
        captured.flush();
        return new Result(
            name,
            session.snippetCount,
            session.failures,
            buffer.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(savedOut);
        System.setErr(savedErr);
      }
    }
  }

  /**
   * Runs the scripts named on the command line and exits with status 1 if any failed.
   *
   * <p>Usage: {@code JShellRunner [--class-path CP] script.jsh...}; the class path defaults to
   * this JVM's {@code java.class.path}.
   *
   * @param args an optional {@code --class-path CP}, then one or more script paths
   * @throws IOException if a script cannot be read
   */
  public static void main(String[] args) throws IOException {
    String classpath = System.getProperty("java.class.path", "");
    List<Path> scripts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--class-path") || args[i].equals("-cp")) {
        if (i + 1 == args.length) {
          usage("missing value after " + args[i]);
          return;
        }
        classpath = args[++i];
      } else {
        scripts.add(Path.of(args[i]));
      }
    }
    if (scripts.isEmpty()) {
      usage("no script given");
      return;
    }
    boolean allSucceeded = true;
    for (Path script : scripts) {
      Result result = run(script, classpath);
      System.out.print(result.output());
      System.out.println((result.succeeded() ? "OK " : "FAILED ") + result.report());
      allSucceeded &= result.succeeded();
    }
    if (!allSucceeded) {
      System.exit(1);
    }
  }

  private static void usage(String problem) {
    System.err.println("JShellRunner: " + problem);
    System.err.println("usage: JShellRunner [--class-path CP] script.jsh...");
    System.exit(2);
  }

  private static JShell newShell(String classpath, PrintStream out) {
    JShell.Builder builder =
        JShell.builder()
            .executionEngine("local")
            .out(out)
            .err(out)
            .in(new ByteArrayInputStream(new byte[0]));
    if (!classpath.isBlank()) {
      builder.compilerOptions("--class-path", classpath);
    }
    JShell shell = builder.build();
    if (!classpath.isBlank()) {
      shell.addToClasspath(classpath);
    }
    return shell;
  }

  private static void requireNonNull(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /** The state of one run: the shell, the script text, the failures so far. */
  private static final class Session {
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final String text;
    private final PrintStream out;
    private final List<Failure> failures = new ArrayList<>();
    private final List<DeclarationSnippet> declarations = new ArrayList<>();
    private final List<Integer> declarationLines = new ArrayList<>();
    private int snippetCount;

    Session(JShell shell, String text, PrintStream out) {
      this.shell = shell;
      this.analysis = shell.sourceCodeAnalysis();
      this.text = text;
      this.out = out;
    }

    /** Feeds the script line by line, as the jshell tool reads a file. */
    void runAll() {
      for (String defaultImport : DEFAULT_IMPORTS) {
        for (SnippetEvent event : shell.eval(defaultImport)) {
          if (event.status() == Snippet.Status.REJECTED) {
            failures.add(new Failure(0, defaultImport, "default import rejected"));
          }
        }
      }
      int pending = 0; // start offset of the text not yet evaluated
      int lineStart = 0;
      while (lineStart < text.length()) {
        int newline = text.indexOf('\n', lineStart);
        int lineEnd = newline < 0 ? text.length() : newline + 1;
        String line = text.substring(lineStart, lineEnd).strip();
        if (isBlankOrComment(text.substring(pending, lineStart)) && isCommand(line)) {
          if (line.equals("/exit") || line.startsWith("/exit ")) {
            return;
          }
          failures.add(
              new Failure(
                  lineOf(lineStart), line, "JShell command not supported by JShellRunner"));
          pending = lineEnd;
          lineStart = lineEnd;
          continue;
        }
        lineStart = lineEnd;
        pending = evaluateComplete(pending, lineEnd);
      }
      if (!isBlankOrComment(text.substring(pending))) {
        int start = firstCodeOffset(pending);
        failures.add(
            new Failure(
                lineOf(start),
                text.substring(start),
                "incomplete snippet at the end of the script"));
      }
      checkUnresolvedDeclarations();
    }

    /**
     * Evaluates every complete snippet in {@code text[from, to)} and returns the offset where the
     * incomplete rest begins.
     */
    private int evaluateComplete(int from, int to) {
      int position = from;
      while (position < to) {
        String chunk = text.substring(position, to);
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(chunk);
        switch (info.completeness()) {
          case COMPLETE:
          case COMPLETE_WITH_SEMI:
          case UNKNOWN:
            int consumed = chunk.length() - info.remaining().length();
            if (info.source() == null || consumed <= 0) {
              return position; // cannot make progress yet; wait for more lines
            }
            evaluate(firstCodeOffset(position), info.source());
            position += consumed;
            break;
          case EMPTY:
            return to;
          default: // DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE: read more lines
            return position;
        }
      }
      return position;
    }

    private void evaluate(int offset, String source) {
      snippetCount++;
      int line = lineOf(offset);
      List<SnippetEvent> events;
      try {
        events = shell.eval(source);
      } catch (RuntimeException e) {
        failures.add(new Failure(line, source, "JShell failed: " + e));
        return;
      }
      for (SnippetEvent event : events) {
        if (event.causeSnippet() != null) {
          continue; // an update of an earlier declaration, not this snippet's own outcome
        }
        Snippet snippet = event.snippet();
        if (event.status() == Snippet.Status.REJECTED) {
          failures.add(new Failure(line, source, "rejected: " + diagnostics(snippet, source)));
          continue;
        }
        JShellException exception = event.exception();
        if (exception != null) {
          failures.add(new Failure(line, source, describe(exception)));
          continue;
        }
        if (snippet instanceof DeclarationSnippet) {
          declarations.add((DeclarationSnippet) snippet);
          declarationLines.add(line);
        }
        if (snippet instanceof VarSnippet && event.value() != null) {
          out.println(((VarSnippet) snippet).name() + " ==> " + event.value());
        }
      }
    }

    /** Fails every declaration that still refers to something undefined at the end. */
    private void checkUnresolvedDeclarations() {
      for (int i = 0; i < declarations.size(); i++) {
        DeclarationSnippet snippet = declarations.get(i);
        Snippet.Status status = shell.status(snippet);
        if (status == Snippet.Status.RECOVERABLE_DEFINED
            || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
          String missing = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
          failures.add(
              new Failure(
                  declarationLines.get(i),
                  snippet.source(),
                  "unresolved references at the end of the script: " + missing));
        }
      }
      failures.sort((a, b) -> Integer.compare(a.line(), b.line()));
    }

    private String diagnostics(Snippet snippet, String source) {
      List<String> messages =
          shell
              .diagnostics(snippet)
              .filter(Diag::isError)
              .map(d -> message(d, source))
              .collect(Collectors.toList());
      return messages.isEmpty() ? "(no diagnostics)" : String.join("; ", messages);
    }

    private static String message(Diag diag, String source) {
      String message = diag.getMessage(Locale.ROOT).replaceAll("\\s*\n\\s*", " ").strip();
      long position = diag.getPosition();
      if (position >= 0 && position <= source.length()) {
        int lineInSnippet = 1;
        for (int i = 0; i < position; i++) {
          if (source.charAt(i) == '\n') {
            lineInSnippet++;
          }
        }
        if (lineInSnippet > 1) {
          return message + " (snippet line " + lineInSnippet + ")";
        }
      }
      return message;
    }

    private String describe(JShellException exception) {
      if (exception instanceof UnresolvedReferenceException) {
        DeclarationSnippet declaration = ((UnresolvedReferenceException) exception).getSnippet();
        String missing =
            shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
        return "uses a declaration with unresolved references ("
            + missing
            + "): "
            + declaration.source().strip().lines().findFirst().orElse("");
      }
      StringBuilder sb = new StringBuilder("threw ");
      Throwable current = exception;
      while (current != null) {
        if (current != exception) {
          sb.append(", caused by ");
        }
        String className =
            current instanceof EvalException
                ? ((EvalException) current).getExceptionClassName()
                : current.getClass().getName();
        sb.append(className);
        if (current.getMessage() != null) {
          sb.append(": ").append(current.getMessage());
        }
        current = current.getCause() == current ? null : current.getCause();
      }
      StackTraceElement[] frames = exception.getStackTrace();
      for (int i = 0; i < Math.min(3, frames.length); i++) {
        sb.append("\n      at ").append(frames[i]);
      }
      return sb.toString();
    }

    private int lineOf(int offset) {
      int line = 1;
      for (int i = 0; i < offset && i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    /** Returns the offset of the first character that is neither white space nor a comment. */
    private int firstCodeOffset(int from) {
      int i = from;
      while (i < text.length()) {
        char ch = text.charAt(i);
        if (Character.isWhitespace(ch)) {
          i++;
        } else if (text.startsWith("//", i)) {
          int newline = text.indexOf('\n', i);
          i = newline < 0 ? text.length() : newline + 1;
        } else if (text.startsWith("/*", i)) {
          int close = text.indexOf("*/", i + 2);
          if (close < 0) {
            return i;
          }
          i = close + 2;
        } else {
          return i;
        }
      }
      return text.length();
    }

    private boolean isBlankOrComment(String s) {
      return s.isBlank() || analysis.analyzeCompletion(s).completeness()
          == SourceCodeAnalysis.Completeness.EMPTY;
    }

    private static boolean isCommand(String line) {
      return line.startsWith("/") && !line.startsWith("//") && !line.startsWith("/*");
    }
  }
}

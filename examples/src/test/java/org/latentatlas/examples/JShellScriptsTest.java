package org.latentatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every JShell script under {@code src/main/jshell} against the test class path and fails on
 * any rejected snippet or exception; checks that the runner does report broken scripts.
 */
class JShellScriptsTest {

  private static final Path SCRIPT_DIR = Path.of("src", "main", "jshell");

  /** Each script runs once per test JVM; JShell needs seconds to start and compile snippets. */
  private static final Map<Path, JShellRunner.Result> RESULTS = new ConcurrentHashMap<>();

  private static JShellRunner.Result runOnce(Path script) {
    return RESULTS.computeIfAbsent(
        script.toAbsolutePath().normalize(),
        p -> {
          try {
            return JShellRunner.run(p, testClasspath());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static String testClasspath() {
    return System.getProperty("java.class.path");
  }

  private static List<Path> scripts() throws IOException {
    try (Stream<Path> files = Files.walk(SCRIPT_DIR)) {
      return files.filter(p -> p.toString().endsWith(".jsh")).sorted().collect(Collectors.toList());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyScriptRunsWithoutFailure() throws IOException {
    List<Path> scripts = scripts();
    assertTrue(
        scripts.stream().anyMatch(p -> p.getFileName().toString().equals("startup.jsh")),
        "expected startup.jsh among " + scripts + " in " + SCRIPT_DIR.toAbsolutePath());
    return scripts.stream()
        .map(
            script ->
                DynamicTest.dynamicTest(
                    script.toString(),
                    () -> {
                      JShellRunner.Result result = runOnce(script);
                      assertTrue(
                          result.succeeded(),
                          () -> result.report() + "\n--- script output ---\n" + result.output());
                      assertTrue(result.snippetCount() > 0, result.report());
                    }));
  }

  @Test
  void startupScriptPrintsItsResults() {
    JShellRunner.Result result = runOnce(SCRIPT_DIR.resolve("startup.jsh"));

    assertTrue(result.succeeded(), result::report);
    assertTrue(result.output().contains("d(x, y) ="), result.output());
    assertTrue(result.output().contains("exp/log round trip error"), result.output());
  }

  @Test
  void brokenScriptIsReportedWithEveryFailedSnippet(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("broken.jsh");
    Files.writeString(
        script,
        String.join(
            "\n",
            "int x = 2;",
            "double y = Math.noSuchMethod(x);",
            "void boom() {",
            "  throw new IllegalStateException(\"boom \" + x);",
            "}",
            "boom();",
            "int fine = x + 1;",
            ""),
        StandardCharsets.UTF_8);

    JShellRunner.Result result = JShellRunner.run(script, testClasspath());

    assertFalse(result.succeeded(), result::report);
    assertEquals(2, result.failures().size(), result::report);
    JShellRunner.Failure missing = result.failures().get(0);
    assertEquals(2, missing.line(), result::report);
    assertTrue(missing.reason().startsWith("rejected"), missing::toString);
    assertTrue(missing.reason().contains("noSuchMethod"), missing::toString);
    JShellRunner.Failure thrown = result.failures().get(1);
    assertEquals(6, thrown.line(), result::report);
    assertTrue(
        thrown.reason().contains("java.lang.IllegalStateException: boom 2"), thrown::toString);
    assertTrue(result.output().contains("fine ==> 3"), result.output());
  }

  @Test
  void unresolvedDeclarationAndIncompleteEndAreFailures() {
    String source =
        String.join(
            "\n",
            "int twice(int v) { return helper(v) * 2; }",
            "int later() { return undefinedEverywhere(); }",
            "int helper(int v) { return v + 1; }",
            "twice(3)",
            "int open = (1 +",
            "");

    JShellRunner.Result result = JShellRunner.run(Path.of("inline.jsh"), source, "");

    List<JShellRunner.Failure> failures = result.failures();
    assertEquals(2, failures.size(), result::report);
    assertEquals(2, failures.get(0).line(), result::report);
    assertTrue(failures.get(0).reason().contains("undefinedEverywhere"), result::report);
    assertEquals(5, failures.get(1).line(), result::report);
    assertTrue(failures.get(1).reason().contains("incomplete"), result::report);
    assertTrue(result.output().contains("==> 8"), result.output());
  }

  @Test
  void defaultImportsOfTheJShellToolAreAvailable() {
    String source =
        "List<Path> paths = new ArrayList<>(List.of(Paths.get(\"a\")));\n"
            + "paths.stream().map(Path::toString).collect(Collectors.joining())\n";

    JShellRunner.Result result = JShellRunner.run(Path.of("inline.jsh"), source, "");

    assertTrue(result.succeeded(), result::report);
    assertTrue(result.output().contains("==> \"a\""), result.output());
  }

  @Test
  void snippetOutputIsCapturedNotPrinted() throws Exception {
    // A script that writes to both standard streams (kept as a resource: it is data, not test code).
    String source;
    try (var in = getClass().getResourceAsStream("/jshell/prints-to-both-streams.jsh")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    PrintStream savedOut = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    JShellRunner.Result result;
    try {
      System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
      result = JShellRunner.run(Path.of("inline.jsh"), source, "");
    } finally {
      System.setOut(savedOut);
    }

    assertTrue(result.succeeded(), result::report);
    assertEquals(3, result.snippetCount());
    assertTrue(result.output().contains("hello from a snippet"), result.output());
    assertTrue(result.output().contains("to stderr"), result.output());
    assertEquals("", console.toString(StandardCharsets.UTF_8));
  }
}

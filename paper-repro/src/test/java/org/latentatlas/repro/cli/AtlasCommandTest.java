package org.latentatlas.repro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AtlasCommandTest {

  @Test
  void listNamesTheExperimentsAndTools() {
    CliRun run = CliRun.of("list");
    assertEquals(0, run.code, run.toString());
    assertTrue(run.out.contains("manifold-accuracy"), run.out);
    assertTrue(run.out.contains("manifold "), run.out);
    assertTrue(run.out.contains("report"), run.out);
    assertEquals("", run.err);
  }

  @Test
  void everyExperimentIsASubcommand() {
    CliRun run = CliRun.of("manifold-accuracy", "--help");
    assertEquals(0, run.code, run.toString());
    assertTrue(run.out.contains("--scale"), run.out);
    assertTrue(run.out.contains("--seed"), run.out);
    assertTrue(run.out.contains("--out"), run.out);
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliRun none = CliRun.of();
    assertEquals(2, none.code, none.toString());
    assertTrue(none.err.contains("a command is required"), none.err);

    CliRun unknown = CliRun.of("no-such-experiment");
    assertEquals(2, unknown.code, unknown.toString());

    CliRun badScale = CliRun.of("manifold-accuracy", "--scale", "huge");
    assertEquals(2, badScale.code, badScale.toString());
    assertTrue(badScale.err.contains("expected smoke or full"), badScale.err);

    CliRun badSeed = CliRun.of("all", "--seed", "x");
    assertEquals(2, badSeed.code, badSeed.toString());
  }

  @Test
  void reportOnAnEmptyFolderIsBadInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRun run = CliRun.of("report", "--out", dir.toString());
    assertEquals(2, run.code, run.toString());
    assertTrue(run.err.contains("result.json"), run.err);
  }
}

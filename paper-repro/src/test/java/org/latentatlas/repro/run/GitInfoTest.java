package org.latentatlas.repro.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitInfoTest {

  @Test
  void outsideARepositoryTheCommitIsUnknown(@TempDir Path dir) {
    assertEquals(GitInfo.UNKNOWN, GitInfo.commit(dir));
  }

  @Test
  void insideTheProjectTheCommitIsHexOrUnknown() {
    String commit = GitInfo.commit(Path.of("").toAbsolutePath());
    assertTrue(
        commit.equals(GitInfo.UNKNOWN) || commit.matches("[0-9a-f]{40}(-dirty)?"), commit);
    String code = GitInfo.commitOfCode();
    assertTrue(code.equals(GitInfo.UNKNOWN) || code.matches("[0-9a-f]{40}(-dirty)?"), code);
  }

  @Test
  void aMissingProgramOrAHangingProcessGivesNull(@TempDir Path dir) {
    assertNull(GitInfo.run(dir, List.of("no-such-program-for-atlas-tests"), 1000));
    assertNull(GitInfo.run(dir, List.of("sleep", "30"), 200));
  }
}

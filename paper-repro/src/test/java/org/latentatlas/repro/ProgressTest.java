package org.latentatlas.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

  @Test
  void printsFirstLastAndThrottledSteps() {
    AtomicLong now = new AtomicLong(0);
    StringWriter sw = new StringWriter();
    Progress p = new Progress("exp", new PrintWriter(sw), 1000, now::get);
    p.step("poincare c=1", 1, 7); // first step of a task: printed
    now.set(100_000_000L);
    p.step("poincare c=1", 2, 7); // 0.1 s later: throttled
    now.set(1_500_000_000L);
    p.step("poincare c=1", 3, 7); // 1.5 s: printed
    p.step("poincare c=1", 7, 7); // last: printed
    p.message("writing plots");
    String[] lines = sw.toString().split("\n");
    assertEquals(4, lines.length, sw.toString());
    assertEquals("[exp] poincare c=1: 1/7 (0.0 s)", lines[0]);
    assertEquals("[exp] poincare c=1: 3/7 (1.5 s)", lines[1]);
    assertEquals("[exp] poincare c=1: 7/7 (1.5 s)", lines[2]);
    assertEquals("[exp] writing plots (1.5 s)", lines[3]);
  }

  @Test
  void contextStreamsAreSeededAndIndependentOfOrder(@TempDir Path dir) throws Exception {
    ExperimentContext a =
        new ExperimentContext("e", Scale.SMOKE, 7, dir.resolve("a"), dir, Progress.silent("e"));
    ExperimentContext b =
        new ExperimentContext("e", Scale.SMOKE, 7, dir.resolve("b"), dir, Progress.silent("e"));
    double first = a.random("one").nextDouble();
    b.random("two").nextDouble();
    assertEquals(first, b.random("one").nextDouble(), 0.0);
    assertEquals(a.random().nextLong(), b.random().nextLong());
  }
}

package org.latentatlas.repro.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.repro.FakeExperiment;
import org.latentatlas.repro.Scale;
import org.latentatlas.repro.run.ExperimentRunner;

class ReportWriterTest {

  @TempDir Path dir;

  @Test
  void indexHoldsTheTablesAndAnImgPerPlot() throws Exception {
    ExperimentRunner runner =
        new ExperimentRunner(dir, dir, new PrintWriter(new StringWriter()), null, 1000);
    runner.run(new FakeExperiment("fake-b"), Scale.SMOKE, 1);
    runner.run(new FakeExperiment("fake-a"), Scale.FULL, 2);
    assertEquals(2, ReportWriter.write(dir, List.of("fake-b")));
    String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);

    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<img src=\"fake-b/fake_plot.png\""), html);
    assertTrue(html.contains("<img src=\"fake-a/fake_plot.png\""), html);
    assertTrue(Files.isRegularFile(dir.resolve("fake-b/fake_plot.png")));
    // the summary table, the metrics with the paper's number beside ours, the verdict
    assertTrue(html.contains("<td>cell, with comma</td>"), html);
    assertTrue(
        html.contains(
            "<tr><td><code>accuracy</code></td><td class=\"num\">0.75</td>"
                + "<td class=\"num\">0.9</td>"),
        html);
    assertTrue(html.contains("worse (ours is worse)"), html);
    assertTrue(html.contains("href=\"fake-b/table.csv\""), html);
    // registry order first, then alphabetical
    assertTrue(html.indexOf("id=\"exp-fake-b\"") < html.indexOf("id=\"exp-fake-a\""), html);
    // text is escaped, and nothing is loaded from the network
    assertTrue(html.contains("A fake experiment &lt;with&gt; markup &amp; a seeded draw."), html);
    assertFalse(html.contains("<with>"), html);
    assertFalse(html.contains("http://") || html.contains("https://"), html);
  }

  @Test
  void aFolderWithoutResultsIsBadInput() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(dir, List.of()));
    assertTrue(e.getMessage().contains("result.json"), e.getMessage());
  }
}

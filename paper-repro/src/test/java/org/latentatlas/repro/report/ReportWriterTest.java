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
    // fake-a ran at full scale: real verdicts, counted in the overview
    assertTrue(html.contains("<td class=\"worse\">worse (ours is worse)</td>"), html);
    assertTrue(html.contains("<span class=\"worse\">worse on 2 of 4</span>"), html);
    // fake-b ran at smoke scale: its paper numbers and its measurement are not compared, and
    // its requirement checked at every scale keeps its verdict
    assertTrue(
        html.contains(
            "<span class=\"ok\">at least as good on all 1</span>; <span class=\"na\">smoke: not"
                + " comparable (3 paper-scale references)</span>"),
        html);
    assertTrue(html.contains("<td class=\"na\">smoke: not comparable</td>"), html);
    String fakeB =
        html.substring(html.indexOf("id=\"exp-fake-b\""), html.indexOf("id=\"exp-fake-a\""));
    assertFalse(fakeB.contains("ours is worse"), fakeB);
    assertTrue(fakeB.contains("<td class=\"ok\">meets</td>"), fakeB);
    // a measurement has its own column and source
    assertTrue(
        html.contains(
            "<tr><td><code>seconds</code></td><td class=\"num\">0.5</td><td class=\"num\"></td>"
                + "<td class=\"num\">0.25</td><td class=\"num\"></td></tr>"),
        html);
    assertTrue(html.contains("<td>measurement</td>"), html);
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

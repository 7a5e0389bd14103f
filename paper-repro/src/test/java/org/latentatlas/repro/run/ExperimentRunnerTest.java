package org.latentatlas.repro.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.repro.FakeExperiment;
import org.latentatlas.repro.Reference;
import org.latentatlas.repro.Scale;

class ExperimentRunnerTest {

  @TempDir Path dir;

  private ExperimentRunner.Outcome runFake(StringWriter out, Scale scale) throws Exception {
    ExperimentRunner runner =
        new ExperimentRunner(dir, dir.resolve("data"), new PrintWriter(out), null, 1000);
    ExperimentRunner.Outcome outcome = runner.run(new FakeExperiment("fake"), scale, 42);
    assertEquals(dir.resolve("fake").resolve("result.json"), outcome.resultFile());
    return outcome;
  }

  private JsonObject runFake(StringWriter out) throws Exception {
    return ResultJson.read(runFake(out, Scale.SMOKE).resultFile());
  }

  private static JsonObject comparison(JsonObject r, String metric) {
    for (JsonElement c : r.getAsJsonArray("comparison")) {
      if (c.getAsJsonObject().get("metric").getAsString().equals(metric)) {
        return c.getAsJsonObject();
      }
    }
    throw new AssertionError("no comparison for " + metric + ": " + r.get("comparison"));
  }

  @Test
  void resultJsonHasEveryRequiredKeyWithNumbersAsNumbers() throws Exception {
    JsonObject r = runFake(new StringWriter());
    for (String key :
        List.of(
            "experiment", "scale", "seed", "parameters", "metrics", "paper", "measurements",
            "requirements", "wall_seconds", "git_commit", "environment", "comparison", "table",
            "plots", "notes")) {
      assertTrue(r.has(key), "result.json lacks " + key + ": " + r);
    }
    assertEquals("fake", r.get("experiment").getAsString());
    assertEquals("smoke", r.get("scale").getAsString());
    assertEquals(42, r.get("seed").getAsLong());
    assertTrue(r.get("parameters").isJsonObject());
    assertEquals(3, r.getAsJsonObject("parameters").get("samples").getAsInt());
    assertTrue(r.getAsJsonObject("parameters").get("grid").isJsonArray());
    JsonObject metrics = r.getAsJsonObject("metrics");
    assertTrue(metrics.get("accuracy").getAsJsonPrimitive().isNumber());
    assertEquals(0.75, metrics.get("accuracy").getAsDouble(), 0.0);
    assertTrue(metrics.get("broken").isJsonNull(), "NaN must be written as null");
    assertEquals(0.9, r.getAsJsonObject("paper").get("accuracy").getAsDouble(), 0.0);
    assertFalse(r.getAsJsonObject("paper").has("draw"), "a requirement is not a paper number");
    assertEquals(0.0, r.getAsJsonObject("requirements").get("draw").getAsDouble(), 0.0);
    assertFalse(r.getAsJsonObject("paper").has("seconds"), "a measurement is not a paper number");
    assertEquals(0.25, r.getAsJsonObject("measurements").get("seconds").getAsDouble(), 0.0);
    assertEquals(1, r.getAsJsonObject("measurements").size());
    assertTrue(r.get("wall_seconds").getAsDouble() >= 0);
    assertFalse(r.get("git_commit").getAsString().isEmpty());
    JsonObject env = r.getAsJsonObject("environment");
    assertEquals(System.getProperty("java.version"), env.get("java_version").getAsString());
    assertEquals(Runtime.getRuntime().availableProcessors(), env.get("cores").getAsInt());
    boolean noted = false;
    for (JsonElement n : r.getAsJsonArray("notes")) {
      noted |= n.getAsString().contains("metrics.broken is NaN");
    }
    assertTrue(noted, "a note must say which value was NaN: " + r.get("notes"));
  }

  @Test
  void atFullScaleTheComparisonSaysWhereOursIsWorse() throws Exception {
    StringWriter out = new StringWriter();
    ExperimentRunner.Outcome outcome = runFake(out, Scale.FULL);
    JsonObject r = ResultJson.read(outcome.resultFile());
    JsonArray comparison = r.getAsJsonArray("comparison");
    assertEquals(4, comparison.size());
    JsonObject accuracy = comparison.get(0).getAsJsonObject();
    assertEquals("accuracy", accuracy.get("metric").getAsString());
    assertEquals("paper", accuracy.get("source").getAsString());
    assertEquals("worse", accuracy.get("verdict").getAsString());
    assertFalse(accuracy.get("applies_at_smoke").getAsBoolean());
    assertEquals("matches", comparison(r, "mean_rank").get("verdict").getAsString());
    assertEquals("meets", comparison(r, "draw").get("verdict").getAsString());
    assertEquals("requirement", comparison(r, "draw").get("source").getAsString());
    assertEquals("worse", comparison(r, "seconds").get("verdict").getAsString());
    assertEquals("measurement", comparison(r, "seconds").get("source").getAsString());
    assertEquals("timed by hand", comparison(r, "seconds").get("note").getAsString());
    assertEquals(List.of("accuracy", "seconds"), outcome.worse());
    assertEquals(List.of(), outcome.notComparable());
    String printed = out.toString();
    assertTrue(printed.contains("WORSE (ours is worse)"), printed);
    assertTrue(printed.contains("OURS IS WORSE on 2 metric(s): accuracy, seconds"), printed);
    assertFalse(printed.contains(Reference.NOT_COMPARABLE), printed);
    assertTrue(
        printed.matches("(?s).*\\bours +0\\.75 .*"), "the table must be printed: " + printed);
  }

  @Test
  void atSmokeScalePaperScaleReferencesAreNotComparableAndNotWorse() throws Exception {
    StringWriter out = new StringWriter();
    ExperimentRunner.Outcome outcome = runFake(out, Scale.SMOKE);
    JsonObject r = ResultJson.read(outcome.resultFile());
    for (String metric : List.of("accuracy", "mean_rank", "seconds")) {
      JsonObject c = comparison(r, metric);
      assertEquals(Reference.NOT_COMPARABLE, c.get("verdict").getAsString(), c.toString());
      assertFalse(c.get("applies_at_smoke").getAsBoolean(), c.toString());
    }
    // the requirement marked for every scale keeps its real verdict
    assertEquals("meets", comparison(r, "draw").get("verdict").getAsString());
    assertTrue(comparison(r, "draw").get("applies_at_smoke").getAsBoolean());
    assertEquals(List.of(), outcome.worse());
    assertEquals(List.of("accuracy", "mean_rank", "seconds"), outcome.notComparable());
    String printed = out.toString();
    assertFalse(printed.contains("WORSE"), printed);
    assertTrue(
        printed.matches("(?s).*\\naccuracy +0\\.75 +0\\.9 +paper +smoke: not comparable\\n.*"),
        printed);
    assertTrue(
        printed.matches(
            "(?s).*\\nseconds +0\\.5 +0\\.25 +measurement +smoke: not comparable\\n.*"),
        printed);
    assertTrue(
        printed.contains(
            "smoke scale: 3 paper-scale reference(s) not compared (run --scale full): accuracy,"
                + " mean_rank, seconds"),
        printed);
    assertTrue(printed.contains("ours is at least as good as every reference compared."), printed);
  }

  @Test
  void writesTheTableAsCsvAndTheSameSeedGivesTheSameNumbers() throws Exception {
    JsonObject first = runFake(new StringWriter());
    String csv = Files.readString(dir.resolve("fake").resolve("table.csv"), StandardCharsets.UTF_8);
    assertEquals("method,accuracy,note\nours,0.75,\"cell, with comma\"\npaper,0.9,\n", csv);
    JsonObject second = runFake(new StringWriter());
    assertEquals(
        first.getAsJsonObject("metrics").get("draw").getAsDouble(),
        second.getAsJsonObject("metrics").get("draw").getAsDouble(),
        0.0);
  }
}

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
import org.latentatlas.repro.Scale;

class ExperimentRunnerTest {

  @TempDir Path dir;

  private JsonObject runFake(StringWriter out) throws Exception {
    ExperimentRunner runner =
        new ExperimentRunner(dir, dir.resolve("data"), new PrintWriter(out), null, 1000);
    ExperimentRunner.Outcome outcome = runner.run(new FakeExperiment("fake"), Scale.SMOKE, 42);
    assertEquals(dir.resolve("fake").resolve("result.json"), outcome.resultFile());
    return ResultJson.read(outcome.resultFile());
  }

  @Test
  void resultJsonHasEveryRequiredKeyWithNumbersAsNumbers() throws Exception {
    JsonObject r = runFake(new StringWriter());
    for (String key :
        List.of(
            "experiment", "scale", "seed", "parameters", "metrics", "paper", "wall_seconds",
            "git_commit", "environment", "comparison", "table", "plots", "notes")) {
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
  void comparisonSaysWhereOursIsWorse() throws Exception {
    StringWriter out = new StringWriter();
    JsonObject r = runFake(out);
    JsonArray comparison = r.getAsJsonArray("comparison");
    assertEquals(3, comparison.size());
    JsonObject accuracy = comparison.get(0).getAsJsonObject();
    assertEquals("accuracy", accuracy.get("metric").getAsString());
    assertEquals("worse", accuracy.get("verdict").getAsString());
    assertEquals("matches", comparison.get(1).getAsJsonObject().get("verdict").getAsString());
    assertEquals("meets", comparison.get(2).getAsJsonObject().get("verdict").getAsString());
    String printed = out.toString();
    assertTrue(printed.contains("WORSE (ours is worse)"), printed);
    assertTrue(printed.contains("OURS IS WORSE on 1 metric(s): accuracy"), printed);
    assertTrue(
        printed.matches("(?s).*\\bours +0\\.75 .*"), "the table must be printed: " + printed);
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

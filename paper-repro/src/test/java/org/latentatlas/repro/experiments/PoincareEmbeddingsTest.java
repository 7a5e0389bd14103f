package org.latentatlas.repro.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.repro.Atlas;
import org.latentatlas.repro.run.ResultJson;

/** Runs {@code atlas poincare-embeddings --scale smoke} on a 15-node tree closure. */
class PoincareEmbeddingsTest {

  @Test
  void writesEveryMetricThePlotAndTheEmbeddings(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("wordnet"));
    StringBuilder closure = new StringBuilder();
    for (int i = 1; i < 15; i++) {
      for (int a = (i - 1) / 2; ; a = (a - 1) / 2) {
        closure.append(i == 1 ? "placental.n.01" : "t" + i).append('\t');
        closure.append(a == 0 ? "mammal.n.01" : a == 1 ? "placental.n.01" : "t" + a).append('\n');
        if (a == 0) {
          break;
        }
      }
    }
    Files.writeString(data.resolve(PoincareEmbeddings.MAMMALS_FILE), closure);
    Path out = dir.resolve("out");
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        Atlas.commandLine(new PrintWriter(o, true), new PrintWriter(e, true))
            .execute(
                PoincareEmbeddings.NAME,
                "--scale",
                "smoke",
                "--seed",
                "5",
                "--data",
                data.toString(),
                "--out",
                out.toString());
    String context = "exit " + code + "\n--- out:\n" + o + "\n--- err:\n" + e;
    assertEquals(0, code, context);
    Path folder = out.resolve(PoincareEmbeddings.NAME);
    JsonObject result = ResultJson.read(folder.resolve(ResultJson.FILE_NAME));
    JsonObject metrics = result.getAsJsonObject("metrics");
    for (String model : new String[] {"poincare", "lorentz", "euclidean"}) {
      for (int dim : PoincareEmbeddings.DIMENSIONS) {
        double map = metrics.get("map_" + model + "_d" + dim).getAsDouble();
        double rank = metrics.get("mean_rank_" + model + "_d" + dim).getAsDouble();
        assertTrue(map > 0 && map <= 1, model + " d" + dim + " MAP " + map);
        assertTrue(rank >= 1, model + " d" + dim + " mean rank " + rank);
        assertTrue(Files.size(folder.resolve("embedding_" + model + "_d" + dim + ".npy")) > 0);
      }
    }
    assertEquals(18, metrics.size(), context);
    assertTrue(Files.size(folder.resolve(PoincareEmbeddings.DISK_PLOT)) > 1000);
    assertTrue(o.toString().contains("NOT comparable"), context);
  }
}

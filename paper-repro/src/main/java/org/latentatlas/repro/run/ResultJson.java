package org.latentatlas.repro.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentatlas.repro.ExperimentResult;
import org.latentatlas.repro.Reference;
import org.latentatlas.repro.Scale;
import org.latentatlas.repro.Table;

/**
 * Writes and reads {@code result.json}, the record of one experiment run.
 *
 * <p>Keys: {@code experiment}, {@code description}, {@code scale}, {@code seed}, {@code dataset}
 * (the data set name, null for an experiment with one fixed data set; also copied into {@code
 * parameters} unless the experiment set a {@code dataset} parameter itself), {@code parameters}
 * (object), {@code metrics} (name → number), {@code paper} (name → number, where the
 * paper gives one), {@code measurements} (name → number, reference measurements of another
 * implementation, such as PyTorch timings), {@code requirements} (name → number, where a
 * requirement stands in for a paper number), {@code comparison} (one object per reference: metric,
 * ours, reference, source ({@code paper}, {@code measurement} or {@code requirement}), better,
 * applies_at_smoke, verdict, note; at smoke scale the verdict of a paper-scale reference is {@value
 * Reference#NOT_COMPARABLE}), {@code table} ({@code columns}, {@code rows}), {@code plots}, {@code
 * files},
 * {@code notes}, {@code wall_seconds}, {@code git_commit}, {@code started_at} and {@code
 * environment} (java version and vendor, os, cores, maximum heap). Numbers are JSON numbers; NaN
 * and infinities are written as null and a note says which value it was.
 */
public final class ResultJson {

  /** The file name of the record inside an experiment's folder. */
  public static final String FILE_NAME = "result.json";

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

  private ResultJson() {}

  /**
   * Describes one run for {@link #toJson}.
   *
   * @param experiment the experiment name
   * @param description the experiment description
   * @param scale the scale
   * @param seed the seed
   * @param dataset the data set the run used, or null for an experiment with one fixed data set
   * @param wallSeconds the wall time of {@code Experiment.run}
   * @param gitCommit the git commit (or {@code "unknown"})
   * @param startedAt when the run started
   */
  public record RunInfo(
      String experiment,
      String description,
      Scale scale,
      long seed,
      String dataset,
      double wallSeconds,
      String gitCommit,
      Instant startedAt) {}

  /**
   * Builds the JSON record of a run.
   *
   * @param run the run's identity and timing
   * @param result the experiment's result
   * @return the JSON object
   */
  public static JsonObject toJson(RunInfo run, ExperimentResult result) {
    List<String> notes = new ArrayList<>(result.notes());
    JsonObject root = new JsonObject();
    root.addProperty("experiment", run.experiment());
    root.addProperty("description", run.description());
    root.addProperty("scale", run.scale().label());
    root.addProperty("seed", run.seed());
    root.addProperty("dataset", run.dataset());

    JsonObject parameters = new JsonObject();
    if (run.dataset() != null && !result.parameters().containsKey("dataset")) {
      parameters.addProperty("dataset", run.dataset());
    }
    for (Map.Entry<String, Object> e : result.parameters().entrySet()) {
      parameters.add(e.getKey(), toElement(e.getValue(), "parameters." + e.getKey(), notes));
    }
    root.add("parameters", parameters);

    JsonObject metrics = new JsonObject();
    for (Map.Entry<String, Double> e : result.metrics().entrySet()) {
      metrics.add(e.getKey(), number(e.getValue(), "metrics." + e.getKey(), notes));
    }
    root.add("metrics", metrics);

    JsonObject paper = new JsonObject();
    JsonObject measurements = new JsonObject();
    JsonObject requirements = new JsonObject();
    JsonArray comparison = new JsonArray();
    for (Map.Entry<String, Reference> e : result.references().entrySet()) {
      Reference ref = e.getValue();
      JsonObject bySource =
          switch (ref.source()) {
            case PAPER -> paper;
            case MEASUREMENT -> measurements;
            case REQUIREMENT -> requirements;
          };
      bySource.addProperty(e.getKey(), ref.value());
      Double ours = result.metrics().get(e.getKey());
      JsonObject c = new JsonObject();
      c.addProperty("metric", e.getKey());
      c.add("ours", ours == null ? JsonNull.INSTANCE : number(ours, null, null));
      c.addProperty("reference", ref.value());
      c.addProperty("source", ref.source().label());
      c.addProperty("better", ref.direction().label());
      c.addProperty("applies_at_smoke", ref.appliesAtSmoke());
      c.addProperty("verdict", ref.verdict(ours, run.scale()));
      c.addProperty("note", ref.note());
      comparison.add(c);
    }
    root.add("paper", paper);
    root.add("measurements", measurements);
    root.add("requirements", requirements);
    root.add("comparison", comparison);

    Table table = result.table();
    if (table != null) {
      JsonObject t = new JsonObject();
      JsonArray columns = new JsonArray();
      table.columns().forEach(columns::add);
      t.add("columns", columns);
      JsonArray rows = new JsonArray();
      boolean nonFinite = false;
      for (List<Object> row : table.rows()) {
        JsonArray r = new JsonArray();
        for (Object cell : row) {
          JsonElement el = toElement(cell, null, null);
          nonFinite |= el.isJsonNull() && cell != null;
          r.add(el);
        }
        rows.add(r);
      }
      t.add("rows", rows);
      root.add("table", t);
      if (nonFinite) {
        notes.add("table: non-finite numbers (NaN or infinity) are written as null");
      }
    }
    root.add("plots", strings(result.plots()));
    root.add("files", strings(result.files()));
    root.addProperty("wall_seconds", run.wallSeconds());
    root.addProperty("git_commit", run.gitCommit());
    root.addProperty("started_at", run.startedAt().toString());
    root.add("environment", environment());
    root.add("notes", strings(notes));
    return root;
  }

  /**
   * Returns the environment record: java version and vendor, os name, version and architecture,
   * available processors, maximum heap in MiB.
   *
   * @return the JSON object
   */
  public static JsonObject environment() {
    JsonObject env = new JsonObject();
    env.addProperty("java_version", System.getProperty("java.version"));
    env.addProperty("java_vendor", System.getProperty("java.vendor"));
    env.addProperty("java_vm", System.getProperty("java.vm.name"));
    env.addProperty(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")");
    env.addProperty("cores", Runtime.getRuntime().availableProcessors());
    env.addProperty("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    return env;
  }

  /**
   * Writes a JSON record, pretty-printed, UTF-8.
   *
   * @param file the file
   * @param json the record
   * @throws IOException if writing fails
   */
  public static void write(Path file, JsonObject json) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      GSON.toJson(json, w);
      w.write('\n');
    }
  }

  /**
   * Reads a JSON record.
   *
   * @param file the file
   * @return the record
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the file is not a JSON object
   */
  public static JsonObject read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonElement el = JsonParser.parseReader(r);
      if (!el.isJsonObject()) {
        throw new IllegalArgumentException(file + " must hold a JSON object, but holds " + el);
      }
      return el.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  private static JsonElement number(double value, String path, List<String> notes) {
    if (Double.isFinite(value)) {
      return new JsonPrimitive(value);
    }
    if (notes != null) {
      notes.add(path + " is " + describe(value) + " (written as null)");
    }
    return JsonNull.INSTANCE;
  }

  private static String describe(double value) {
    return Double.isNaN(value) ? "NaN" : (value > 0 ? "+infinity" : "-infinity");
  }

  private static JsonElement toElement(Object value, String path, List<String> notes) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue(), path, notes);
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (value instanceof double[] a) {
      JsonArray arr = new JsonArray();
      for (int i = 0; i < a.length; i++) {
        arr.add(number(a[i], path + "[" + i + "]", notes));
      }
      return arr;
    }
    if (value instanceof Iterable<?> it) {
      JsonArray arr = new JsonArray();
      int i = 0;
      for (Object o : it) {
        arr.add(toElement(o, path + "[" + i++ + "]", notes));
      }
      return arr;
    }
    if (value instanceof Map<?, ?> m) {
      JsonObject obj = new JsonObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        obj.add(key, toElement(e.getValue(), path + "." + key, notes));
      }
      return obj;
    }
    if (value instanceof Enum<?> en) {
      return new JsonPrimitive(en.name().toLowerCase(Locale.ROOT));
    }
    return new JsonPrimitive(value.toString());
  }
}

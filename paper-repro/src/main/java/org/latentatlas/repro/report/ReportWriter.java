package org.latentatlas.repro.report;

import org.latentatlas.geometry.metric.Metrics;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.latentatlas.repro.Reference;
import org.latentatlas.repro.Table;
import org.latentatlas.repro.run.ResultJson;

/**
 * Builds {@code DIR/index.html} from every {@code DIR/<experiment>/result.json}: per experiment its
 * description, run facts (scale, seed, wall time, commit, environment), the "ours vs references"
 * table, every metric with its reference (paper number, reference measurement or requirement)
 * beside it, the summary table, the PNG plots as {@code <img>} elements and links to the CSV files.
 *
 * <p>The verdicts are those of {@code result.json}: at smoke scale a paper-scale reference reads
 * {@value Reference#NOT_COMPARABLE}, is shown in grey and is not counted as worse.
 *
 * <p>The page is self-contained apart from the PNG and CSV files next to it: styles are inline and
 * nothing is loaded from the network.
 */
public final class ReportWriter {

  /** The report's file name inside {@code DIR}. */
  public static final String FILE_NAME = "index.html";

  private ReportWriter() {}

  /**
   * Writes {@code DIR/index.html}.
   *
   * @param dir the output folder holding one sub-folder per experiment
   * @param order experiment names in the order to list them first; others follow alphabetically
   * @return the number of experiments in the report
   * @throws IOException if reading a record or writing the page fails
   * @throws IllegalArgumentException if {@code dir} holds no {@code result.json} or a record is
   *     not valid JSON
   */
  public static int write(Path dir, List<String> order) throws IOException {
    List<JsonObject> records = collect(dir, order);
    if (records.isEmpty()) {
      throw new IllegalArgumentException(
          "--out must hold DIR/<experiment>/result.json files, but "
              + dir.toAbsolutePath()
              + " has none (run `atlas all` or `atlas <experiment>` first)");
    }
    StringBuilder html = new StringBuilder(16384);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>LatentAtlas paper reproductions</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>LatentAtlas paper reproductions</h1>\n")
        .append("<p class=\"meta\">Generated ")
        .append(Html.escape(Instant.now().toString()))
        .append(" from ")
        .append(records.size())
        .append(" result record(s) in <code>")
        .append(Html.escape(dir.toAbsolutePath().normalize().toString()))
        .append("</code>.</p>\n");
    overview(html, records);
    for (JsonObject r : records) {
      experiment(html, dir, r);
    }
    html.append("</body>\n</html>\n");
    Files.writeString(dir.resolve(FILE_NAME), html, StandardCharsets.UTF_8);
    return records.size();
  }

  private static List<JsonObject> collect(Path dir, List<String> order) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path sub : ds) {
          Path f = sub.resolve(ResultJson.FILE_NAME);
          if (Files.isDirectory(sub) && Files.isRegularFile(f)) {
            files.add(f);
          }
        }
      }
    }
    Comparator<Path> byOrder =
        Comparator.comparingInt(
            (Path p) -> {
              int i = order.indexOf(p.getParent().getFileName().toString());
              return i < 0 ? Integer.MAX_VALUE : i;
            });
    files.sort(byOrder.thenComparing(p -> p.getParent().getFileName().toString()));
    List<JsonObject> records = new ArrayList<>();
    for (Path f : files) {
      JsonObject r = ResultJson.read(f);
      r.addProperty("__folder", f.getParent().getFileName().toString());
      records.add(r);
    }
    return records;
  }

  private static void overview(StringBuilder html, List<JsonObject> records) {
    html.append("<h2>Overview</h2>\n<table>\n<tr><th>experiment</th><th>scale</th>")
        .append("<th>seed</th><th>wall time (s)</th><th>vs references</th></tr>\n");
    for (JsonObject r : records) {
      String name = string(r, "experiment", folder(r));
      int worse = 0;
      int total = 0;
      int notComparable = 0;
      for (JsonElement c : array(r, "comparison")) {
        String v = string(c.getAsJsonObject(), "verdict", "");
        if (!Reference.isComparable(v)) {
          notComparable++;
          continue;
        }
        total++;
        if (Reference.isWorse(v)) {
          worse++;
        }
      }
      html.append("<tr><td><a href=\"#")
          .append(Html.escape(anchor(name)))
          .append("\">")
          .append(Html.escape(name))
          .append("</a></td><td>")
          .append(Html.escape(string(r, "scale", "")))
          .append("</td><td class=\"num\">")
          .append(Html.escape(text(r.get("seed"))))
          .append("</td><td class=\"num\">")
          .append(Html.escape(number(r.get("wall_seconds"))))
          .append("</td><td>");
      if (total == 0 && notComparable == 0) {
        html.append("no reference numbers");
      } else if (total > 0 && worse == 0) {
        html.append("<span class=\"ok\">at least as good on all ").append(total).append("</span>");
      } else if (worse > 0) {
        html.append("<span class=\"worse\">worse on ")
            .append(worse)
            .append(" of ")
            .append(total)
            .append("</span>");
      }
      if (notComparable > 0) {
        html.append(total == 0 ? "" : "; ")
            .append("<span class=\"na\">")
            .append(Html.escape(Reference.NOT_COMPARABLE))
            .append(" (")
            .append(notComparable)
            .append(" paper-scale reference")
            .append(notComparable == 1 ? "" : "s")
            .append(")</span>");
      }
      html.append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void experiment(StringBuilder html, Path dir, JsonObject r) throws IOException {
    String folder = folder(r);
    String name = string(r, "experiment", folder);
    html.append("<section>\n<h2 id=\"")
        .append(Html.escape(anchor(name)))
        .append("\">")
        .append(Html.escape(name))
        .append("</h2>\n<p>")
        .append(Html.escape(string(r, "description", "")))
        .append("</p>\n");
    JsonObject env = r.has("environment") && r.get("environment").isJsonObject()
        ? r.getAsJsonObject("environment")
        : new JsonObject();
    html.append("<p class=\"meta\">scale <b>")
        .append(Html.escape(string(r, "scale", "?")))
        .append("</b>");
    String dataset = string(r, "dataset", null);
    if (dataset != null) {
      html.append(", dataset <b>").append(Html.escape(dataset)).append("</b>");
    }
    html.append(", seed ")
        .append(Html.escape(text(r.get("seed"))))
        .append(", wall time ")
        .append(Html.escape(number(r.get("wall_seconds"))))
        .append(" s, commit <code>")
        .append(Html.escape(string(r, "git_commit", "unknown")))
        .append("</code>, started ")
        .append(Html.escape(string(r, "started_at", "?")))
        .append(", java ")
        .append(Html.escape(string(env, "java_version", "?")))
        .append(", ")
        .append(Html.escape(string(env, "os", "?")))
        .append(", ")
        .append(Html.escape(text(env.get("cores"))))
        .append(" cores</p>\n");

    comparison(html, r);
    metrics(html, r);
    summaryTable(html, r);
    plots(html, dir, folder, r);
    files(html, dir, folder, r);
    notes(html, r);
    parameters(html, r);
    html.append("</section>\n");
  }

  private static void comparison(StringBuilder html, JsonObject r) {
    JsonArray comparison = array(r, "comparison");
    if (comparison.isEmpty()) {
      return;
    }
    html.append("<h3>Ours vs references</h3>\n<table>\n<tr><th>metric</th><th>ours</th>")
        .append("<th>reference</th><th>source</th><th>verdict</th><th>note</th></tr>\n");
    for (JsonElement el : comparison) {
      JsonObject c = el.getAsJsonObject();
      String verdict = string(c, "verdict", "?");
      boolean worse = Reference.isWorse(verdict);
      String verdictClass = worse ? "worse" : Reference.isComparable(verdict) ? "ok" : "na";
      String bound = string(c, "better", "higher").equals("higher") ? "&ge; " : "&le; ";
      html.append("<tr><td><code>")
          .append(Html.escape(string(c, "metric", "")))
          .append("</code></td><td class=\"num\">")
          .append(Html.escape(number(c.get("ours"))))
          .append("</td><td class=\"num\">")
          .append(string(c, "source", "").equals("requirement") ? bound : "")
          .append(Html.escape(number(c.get("reference"))))
          .append("</td><td>")
          .append(Html.escape(string(c, "source", "")))
          .append("</td><td class=\"")
          .append(verdictClass)
          .append("\">")
          .append(Html.escape(worse ? verdict + " (ours is worse)" : verdict))
          .append("</td><td>")
          .append(Html.escape(string(c, "note", "")))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void metrics(StringBuilder html, JsonObject r) {
    JsonObject metrics = object(r, "metrics");
    if (metrics.size() == 0) {
      return;
    }
    JsonObject paper = object(r, "paper");
    JsonObject measurements = object(r, "measurements");
    JsonObject requirements = object(r, "requirements");
    html.append("<h3>Metrics</h3>\n<table>\n<tr><th>metric</th><th>ours</th><th>paper</th>")
        .append("<th>measurement</th><th>requirement</th></tr>\n");
    for (Map.Entry<String, JsonElement> e : metrics.entrySet()) {
      html.append("<tr><td><code>")
          .append(Html.escape(e.getKey()))
          .append("</code></td><td class=\"num\">")
          .append(Html.escape(number(e.getValue())))
          .append("</td><td class=\"num\">")
          .append(Html.escape(number(paper.get(e.getKey()))))
          .append("</td><td class=\"num\">")
          .append(Html.escape(number(measurements.get(e.getKey()))))
          .append("</td><td class=\"num\">")
          .append(Html.escape(number(requirements.get(e.getKey()))))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void summaryTable(StringBuilder html, JsonObject r) {
    if (!r.has("table") || !r.get("table").isJsonObject()) {
      return;
    }
    JsonObject t = r.getAsJsonObject("table");
    html.append("<h3>Table</h3>\n<table>\n<tr>");
    for (JsonElement c : array(t, "columns")) {
      html.append("<th>").append(Html.escape(text(c))).append("</th>");
    }
    html.append("</tr>\n");
    for (JsonElement row : array(t, "rows")) {
      html.append("<tr>");
      for (JsonElement cell : row.getAsJsonArray()) {
        boolean num = cell.isJsonPrimitive() && cell.getAsJsonPrimitive().isNumber();
        html.append(num ? "<td class=\"num\">" : "<td>")
            .append(Html.escape(num ? number(cell) : text(cell)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static void plots(StringBuilder html, Path dir, String folder, JsonObject r)
      throws IOException {
    Set<String> pngs = new LinkedHashSet<>();
    for (JsonElement p : array(r, "plots")) {
      pngs.add(text(p));
    }
    Path sub = dir.resolve(folder);
    if (Files.isDirectory(sub)) {
      try (Stream<Path> s = Files.list(sub)) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
            .sorted()
            .forEach(pngs::add);
      }
    }
    if (pngs.isEmpty()) {
      return;
    }
    html.append("<h3>Plots</h3>\n");
    for (String png : pngs) {
      boolean exists = Files.isRegularFile(sub.resolve(png));
      if (!exists) {
        html.append("<p class=\"worse\">missing plot ").append(Html.escape(png)).append("</p>\n");
        continue;
      }
      String src = Html.url(folder + "/" + png);
      html.append("<figure><a href=\"")
          .append(src)
          .append("\"><img src=\"")
          .append(src)
          .append("\" alt=\"")
          .append(Html.escape(name(png)))
          .append("\"></a><figcaption>")
          .append(Html.escape(png))
          .append("</figcaption></figure>\n");
    }
  }

  private static void files(StringBuilder html, Path dir, String folder, JsonObject r)
      throws IOException {
    Set<String> names = new LinkedHashSet<>();
    names.add(ResultJson.FILE_NAME);
    Path sub = dir.resolve(folder);
    if (Files.isRegularFile(sub.resolve("table.csv"))) {
      names.add("table.csv");
    }
    for (JsonElement f : array(r, "files")) {
      names.add(text(f));
    }
    try (Stream<Path> s = Files.list(sub)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
          .sorted()
          .forEach(names::add);
    }
    html.append("<p class=\"files\">Files: ");
    boolean first = true;
    for (String n : names) {
      if (!Files.isRegularFile(sub.resolve(n))) {
        continue;
      }
      html.append(first ? "" : " &middot; ")
          .append("<a href=\"")
          .append(Html.url(folder + "/" + n))
          .append("\">")
          .append(Html.escape(n))
          .append("</a>");
      first = false;
    }
    html.append("</p>\n");
  }

  private static void notes(StringBuilder html, JsonObject r) {
    JsonArray notes = array(r, "notes");
    if (notes.isEmpty()) {
      return;
    }
    html.append("<h3>Notes</h3>\n<ul>\n");
    for (JsonElement n : notes) {
      html.append("<li>").append(Html.escape(text(n))).append("</li>\n");
    }
    html.append("</ul>\n");
  }

  private static void parameters(StringBuilder html, JsonObject r) {
    JsonObject p = object(r, "parameters");
    if (p.size() == 0) {
      return;
    }
    html.append("<details><summary>Parameters</summary>\n<table>\n");
    for (Map.Entry<String, JsonElement> e : p.entrySet()) {
      html.append("<tr><td><code>")
          .append(Html.escape(e.getKey()))
          .append("</code></td><td>")
          .append(Html.escape(text(e.getValue())))
          .append("</td></tr>\n");
    }
    html.append("</table>\n</details>\n");
  }

  // ------------------------------------------------------------------ JSON helpers

  private static String folder(JsonObject r) {
    return string(r, "__folder", "?");
  }

  private static String anchor(String name) {
    return "exp-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static String name(String file) {
    int dot = file.lastIndexOf('.');
    return (dot > 0 ? file.substring(0, dot) : file).replace('_', ' ').replace('-', ' ');
  }

  private static String string(JsonObject o, String key, String fallback) {
    JsonElement el = o.get(key);
    return el == null || el.isJsonNull() ? fallback : text(el);
  }

  private static JsonArray array(JsonObject o, String key) {
    JsonElement el = o.get(key);
    return el != null && el.isJsonArray() ? el.getAsJsonArray() : new JsonArray();
  }

  private static JsonObject object(JsonObject o, String key) {
    JsonElement el = o.get(key);
    return el != null && el.isJsonObject() ? el.getAsJsonObject() : new JsonObject();
  }

  private static String text(JsonElement el) {
    if (el == null || el.isJsonNull()) {
      return "";
    }
    if (el.isJsonPrimitive()) {
      return el.getAsJsonPrimitive().isString() ? el.getAsString() : number(el);
    }
    return el.toString();
  }

  private static String number(JsonElement el) {
    if (el == null) {
      return "";
    }
    if (el.isJsonNull()) {
      return "n/a";
    }
    if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isNumber()) {
      return Table.format(el.getAsDouble());
    }
    return el.isJsonPrimitive() ? el.getAsString() : el.toString();
  }

  private static final String STYLE =
      String.join(
          "\n",
          "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;"
              + "max-width:1100px;padding:0 1em;color:#222;line-height:1.4}",
          "h1{border-bottom:2px solid #444}",
          "h2{margin-top:2em;border-bottom:1px solid #bbb}",
          "table{border-collapse:collapse;margin:0.6em 0;font-size:0.9em}",
          "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}",
          "th{background:#f0f0f0}",
          "td.num{text-align:right;font-variant-numeric:tabular-nums}",
          ".meta{color:#555;font-size:0.9em}",
          ".ok{color:#1a7f37}",
          ".worse{color:#c62828;font-weight:bold}",
          ".na{color:#777}",
          "figure{display:inline-block;margin:0.5em 1em 0.5em 0}",
          "figure img{max-width:100%;border:1px solid #ddd}",
          "figcaption{font-size:0.8em;color:#555}",
          "code{font-size:0.95em}",
          "")
          + "\n";
}

package org.latentatlas.repro;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A small table of named columns whose cells are numbers, strings or empty (null): an experiment's
 * summary table, printed as aligned text, written as CSV and stored in {@code result.json}.
 *
 * <pre>{@code
 * Table table = new Table("model", "curvature", "max radius");
 * table.addRow("poincare", 1.0, 35.0);
 * table.writeCsv(dir.resolve("table.csv"));
 * }</pre>
 */
public final class Table {

  private final List<String> columns;
  private final List<List<Object>> rows = new ArrayList<>();

  /**
   * Creates an empty table.
   *
   * @param columns the column names
   * @throws IllegalArgumentException if there are no columns
   */
  public Table(String... columns) {
    this(Arrays.asList(columns));
  }

  /**
   * Creates an empty table.
   *
   * @param columns the column names
   * @throws IllegalArgumentException if there are no columns
   */
  public Table(List<String> columns) {
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("columns must not be empty, but columns = " + columns);
    }
    this.columns = List.copyOf(columns);
  }

  /**
   * Appends a row.
   *
   * @param values one value per column: a {@link Number}, a {@link String} (other objects are
   *     stored as their {@code toString()}), or null for an empty cell
   * @return this table
   * @throws IllegalArgumentException if the number of values differs from the number of columns
   */
  public Table addRow(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "row must have " + columns.size() + " values (" + columns + "), but has "
              + values.length);
    }
    List<Object> row = new ArrayList<>(values.length);
    for (Object v : values) {
      row.add(v == null || v instanceof Number || v instanceof String ? v : v.toString());
    }
    rows.add(Collections.unmodifiableList(row));
    return this;
  }

  /**
   * Returns the column names.
   *
   * @return an unmodifiable list
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the rows.
   *
   * @return an unmodifiable list of unmodifiable rows
   */
  public List<List<Object>> rows() {
    return Collections.unmodifiableList(rows);
  }

  /**
   * Formats one cell for display: integers without a decimal point, other numbers with six
   * significant digits, null as an empty string.
   *
   * @param value the cell
   * @return the text
   */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "inf" : "-inf";
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e9) {
        return String.valueOf((long) d);
      }
      String text = String.format(Locale.ROOT, "%.6g", d);
      int e = text.indexOf('e');
      String mantissa = e < 0 ? text : text.substring(0, e);
      String exponent = e < 0 ? "" : text.substring(e);
      if (mantissa.contains(".")) {
        mantissa = mantissa.replaceFirst("\\.?0+$", "");
      }
      return mantissa + exponent;
    }
    return value.toString();
  }

  /**
   * Returns the table as aligned plain text with a header line, numbers right-aligned.
   *
   * @return the text, one line per row, each ending with a newline
   */
  public String toText() {
    int n = columns.size();
    int[] width = new int[n];
    List<String[]> cells = new ArrayList<>();
    for (List<Object> row : rows) {
      String[] c = new String[n];
      for (int j = 0; j < n; j++) {
        c[j] = format(row.get(j));
      }
      cells.add(c);
    }
    for (int j = 0; j < n; j++) {
      width[j] = columns.get(j).length();
      for (String[] c : cells) {
        width[j] = Math.max(width[j], c[j].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < n; j++) {
      sb.append(j == 0 ? "" : "  ").append(pad(columns.get(j), width[j], j > 0 && numeric(j)));
    }
    sb.append('\n');
    for (int j = 0; j < n; j++) {
      sb.append(j == 0 ? "" : "  ").append("-".repeat(width[j]));
    }
    sb.append('\n');
    for (int i = 0; i < cells.size(); i++) {
      for (int j = 0; j < n; j++) {
        boolean right = rows.get(i).get(j) instanceof Number;
        sb.append(j == 0 ? "" : "  ").append(pad(cells.get(i)[j], width[j], right));
      }
      sb.append('\n');
    }
    return sb.toString().replaceAll(" +\n", "\n");
  }

  /**
   * Writes the table as CSV (RFC 4180 quoting; numbers at full precision, {@code nan}, {@code inf}
   * and {@code -inf} for non-finite values, empty cells for null).
   *
   * @param file the file to write
   * @throws IOException if writing fails
   */
  public void writeCsv(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeCsv(w);
    }
  }

  /**
   * Writes the table as CSV to a writer.
   *
   * @param w the writer (not closed)
   * @throws IOException if writing fails
   */
  public void writeCsv(Writer w) throws IOException {
    writeCsvLine(w, new ArrayList<>(columns));
    for (List<Object> row : rows) {
      writeCsvLine(w, row);
    }
  }

  private static void writeCsvLine(Writer w, List<?> values) throws IOException {
    for (int j = 0; j < values.size(); j++) {
      if (j > 0) {
        w.write(',');
      }
      w.write(csvCell(values.get(j)));
    }
    w.write('\n');
  }

  private static String csvCell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        return "nan";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "inf" : "-inf";
      }
      return Double.toString(d);
    }
    String s = value.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private boolean numeric(int column) {
    for (List<Object> row : rows) {
      if (row.get(column) instanceof Number) {
        return true;
      }
    }
    return false;
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }
}

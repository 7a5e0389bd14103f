package org.latentatlas.graph.embedding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The transitive closure of a hierarchy as a directed relation child \( \to \) ancestor over
 * nodes numbered \( 0, \dots, n - 1 \) in order of first appearance.
 *
 * <p>The file format is the one of the WordNet closures of this repository: one pair per line,
 * {@code child<TAB>ancestor}, UTF-8, optionally gzip-compressed (a name ending in {@code .gz}).
 * Blank lines are skipped; duplicate pairs are kept once. Every other line must have exactly two
 * non-empty, distinct fields.
 *
 * <pre>{@code
 * Hierarchy mammals = Hierarchy.load(Path.of("data/wordnet/mammal_closure.tsv"));
 * mammals.nodeCount();   // 1180
 * mammals.pairCount();   // 6540
 * int[] up = mammals.ancestors(mammals.index("dog.n.01").orElseThrow());
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017 (the WordNet noun and mammal closures).
 */
public final class Hierarchy {

  private final List<String> names;
  private final Map<String, Integer> index;
  private final int[] children;
  private final int[] ancestorsOfPair;
  private final int[][] ancestors;
  private final int[][] related;

  private Hierarchy(List<String> names, Map<String, Integer> index, int[] children, int[] up) {
    this.names = Collections.unmodifiableList(names);
    this.index = index;
    this.children = children;
    this.ancestorsOfPair = up;
    int n = names.size();
    int[] upCount = new int[n];
    int[] relCount = new int[n];
    for (int p = 0; p < children.length; p++) {
      upCount[children[p]]++;
      relCount[children[p]]++;
      relCount[up[p]]++;
    }
    ancestors = new int[n][];
    related = new int[n][];
    for (int i = 0; i < n; i++) {
      ancestors[i] = new int[upCount[i]];
      related[i] = new int[relCount[i]];
    }
    int[] upFill = new int[n];
    int[] relFill = new int[n];
    for (int p = 0; p < children.length; p++) {
      int u = children[p];
      int v = up[p];
      ancestors[u][upFill[u]++] = v;
      related[u][relFill[u]++] = v;
      related[v][relFill[v]++] = u;
    }
    for (int i = 0; i < n; i++) {
      Arrays.sort(ancestors[i]);
      Arrays.sort(related[i]);
    }
  }

  /**
   * Reads a closure file ({@code child<TAB>ancestor} per line, gzip if the name ends in {@code
   * .gz}).
   *
   * @param path the file
   * @return the hierarchy
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if a line is malformed (the message names the file and the
   *     line number) or the file holds no pair
   */
  public static Hierarchy load(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    try (InputStream raw = Files.newInputStream(path)) {
      InputStream in =
          path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), path.toString());
    }
  }

  /**
   * Reads closure pairs ({@code child<TAB>ancestor} per line) from a reader.
   *
   * @param reader the text; not closed
   * @param source the name used in error messages, e.g. the file name
   * @return the hierarchy
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if a line is malformed (the message names the source and the
   *     line number) or there is no pair
   */
  public static Hierarchy read(Reader reader, String source) throws IOException {
    Objects.requireNonNull(reader, "reader");
    BufferedReader in =
        reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    List<String> names = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    Set<Long> seen = new HashSet<>();
    IntList children = new IntList();
    IntList up = new IntList();
    String line;
    int lineNumber = 0;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
        throw malformed(source, lineNumber, "must have exactly two tab-separated fields", line);
      }
      String child = line.substring(0, tab).strip();
      String ancestor = line.substring(tab + 1).strip();
      if (child.isEmpty() || ancestor.isEmpty()) {
        throw malformed(source, lineNumber, "must have two non-empty fields", line);
      }
      if (child.equals(ancestor)) {
        throw malformed(source, lineNumber, "must not relate a node to itself", line);
      }
      int u = index.computeIfAbsent(child, k -> add(names, k));
      int v = index.computeIfAbsent(ancestor, k -> add(names, k));
      if (seen.add(((long) u << 32) | v)) {
        children.add(u);
        up.add(v);
      }
    }
    if (children.size == 0) {
      throw new IllegalArgumentException(
          "closure " + source + " must hold at least one pair, but it has none");
    }
    return new Hierarchy(names, index, children.toArray(), up.toArray());
  }

  /**
   * Builds a hierarchy from named pairs.
   *
   * @param pairs the pairs {@code {child, ancestor}}
   * @return the hierarchy
   * @throws IllegalArgumentException if a pair does not have two distinct non-empty names, or there
   *     is no pair
   */
  public static Hierarchy of(List<String[]> pairs) {
    StringBuilder text = new StringBuilder();
    for (String[] p : pairs) {
      if (p == null || p.length != 2) {
        throw new IllegalArgumentException(
            "pairs must hold {child, ancestor} arrays, but got " + Arrays.toString(p));
      }
      text.append(p[0]).append('\t').append(p[1]).append('\n');
    }
    try {
      return read(new java.io.StringReader(text.toString()), "pairs");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int add(List<String> names, String name) {
    names.add(name);
    return names.size() - 1;
  }

  private static IllegalArgumentException malformed(
      String source, int lineNumber, String constraint, String line) {
    return new IllegalArgumentException(
        "line "
            + lineNumber
            + " of closure "
            + source
            + " "
            + constraint
            + " (child<TAB>ancestor), but it is '"
            + line
            + "'");
  }

  /**
   * Returns the number of nodes.
   *
   * @return \( n \)
   */
  public int nodeCount() {
    return names.size();
  }

  /**
   * Returns the number of distinct closure pairs.
   *
   * @return the number of (child, ancestor) pairs
   */
  public int pairCount() {
    return children.length;
  }

  /**
   * Returns the node names in index order.
   *
   * @return an unmodifiable list
   */
  public List<String> names() {
    return names;
  }

  /**
   * Returns the name of a node.
   *
   * @param node the node index
   * @return its name
   * @throws IndexOutOfBoundsException if {@code node} is not in \( [0, n) \)
   */
  public String name(int node) {
    return names.get(node);
  }

  /**
   * Returns the index of a named node.
   *
   * @param name the node name
   * @return its index, or empty if there is no such node
   */
  public Optional<Integer> index(String name) {
    return Optional.ofNullable(index.get(name));
  }

  /**
   * Returns the child of a pair.
   *
   * @param pair the pair index in \( [0, \text{pairCount}) \)
   * @return the child node
   */
  public int child(int pair) {
    return children[pair];
  }

  /**
   * Returns the ancestor of a pair.
   *
   * @param pair the pair index in \( [0, \text{pairCount}) \)
   * @return the ancestor node
   */
  public int ancestor(int pair) {
    return ancestorsOfPair[pair];
  }

  /**
   * Returns the ancestors of a node in the closure, sorted ascending.
   *
   * @param node the node
   * @return the shared internal array: do not modify
   */
  public int[] ancestors(int node) {
    return ancestors[node];
  }

  /**
   * Returns whether two nodes are related in the closure in either direction.
   *
   * @param u a node
   * @param v another node
   * @return true if \( u \to v \) or \( v \to u \) is a pair
   */
  public boolean related(int u, int v) {
    return Arrays.binarySearch(related[u], v) >= 0;
  }

  /**
   * Returns whether {@code ancestor} is an ancestor of {@code node}.
   *
   * @param node the node
   * @param ancestor the candidate ancestor
   * @return true if (node, ancestor) is a pair
   */
  public boolean isAncestor(int node, int ancestor) {
    return Arrays.binarySearch(ancestors[node], ancestor) >= 0;
  }

  /**
   * Returns the number of nodes related to {@code u} in either direction.
   *
   * @param u the node
   * @return its degree in the undirected closure
   */
  public int relatedCount(int u) {
    return related[u].length;
  }

  @Override
  public String toString() {
    return "Hierarchy(nodes=" + nodeCount() + ", pairs=" + pairCount() + ")";
  }

  /** A growable int array. */
  private static final class IntList {
    int[] data = new int[1024];
    int size;

    void add(int value) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = value;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}

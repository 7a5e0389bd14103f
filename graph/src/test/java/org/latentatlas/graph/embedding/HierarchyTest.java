package org.latentatlas.graph.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HierarchyTest {

  static final Path MAMMALS = Paths.get("..", "data", "wordnet", "mammal_closure.tsv");

  @Test
  void mammalClosureHasTheBenchmarkCounts() throws IOException {
    Hierarchy h = Hierarchy.load(MAMMALS);
    assertEquals(1180, h.nodeCount());
    assertEquals(6540, h.pairCount());
    int mammal = h.index("mammal.n.01").orElseThrow();
    assertEquals(0, h.ancestors(mammal).length);
    assertEquals(1179, h.relatedCount(mammal));
    int dog = h.index("dog.n.01").orElseThrow();
    assertTrue(h.isAncestor(dog, h.index("carnivore.n.01").orElseThrow()));
    assertFalse(h.isAncestor(h.index("carnivore.n.01").orElseThrow(), dog));
    assertTrue(h.related(h.index("carnivore.n.01").orElseThrow(), dog));
  }

  @Test
  void readsGzipAndDeduplicates(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tiny.tsv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("b\ta\nc\tb\nc\ta\n\nc\ta\n".getBytes(StandardCharsets.UTF_8));
    }
    Hierarchy h = Hierarchy.load(file);
    assertEquals(3, h.nodeCount());
    assertEquals(3, h.pairCount());
    assertEquals("b", h.name(0));
    assertArrayEquals(new int[] {0, 1}, h.ancestors(h.index("c").orElseThrow()));
    assertTrue(h.related(1, 2));
    assertTrue(h.related(2, 1));
    assertFalse(h.index("d").isPresent());
  }

  @Test
  void malformedLineNamesItsNumber() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hierarchy.read(new StringReader("b\ta\nc\tb\nonlyone\n"), "test.tsv"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("test.tsv"), e.getMessage());
    IllegalArgumentException three =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hierarchy.read(new StringReader("b\ta\tz\n"), "x"));
    assertTrue(three.getMessage().contains("line 1"), three.getMessage());
    IllegalArgumentException self =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hierarchy.read(new StringReader("b\ta\n\na\ta\n"), "x"));
    assertTrue(self.getMessage().contains("line 3"), self.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Hierarchy.read(new StringReader("\n\n"), "x"));
  }
}

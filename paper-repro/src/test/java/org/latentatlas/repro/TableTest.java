package org.latentatlas.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void formatsNumbersCompactly() {
    assertEquals("35", Table.format(35.0));
    assertEquals("0.1", Table.format(0.1));
    assertEquals("23.2", Table.format(23.2));
    assertEquals("4.01718e-10", Table.format(4.01718e-10));
    assertEquals("1e-06", Table.format(1e-6));
    assertEquals("1.00192e+90", Table.format(1.00192e90));
    assertEquals("inf", Table.format(Double.POSITIVE_INFINITY));
    assertEquals("NaN", Table.format(Double.NaN));
    assertEquals("", Table.format(null));
    assertEquals("7", Table.format(7));
  }

  @Test
  void writesCsvWithQuotingAndFullPrecision() throws IOException {
    Table t = new Table("name", "value").addRow("a, b", 0.1 + 0.2).addRow("q\"x", null)
        .addRow("inf", Double.NEGATIVE_INFINITY);
    StringWriter w = new StringWriter();
    t.writeCsv(w);
    assertEquals(
        "name,value\n\"a, b\",0.30000000000000004\n\"q\"\"x\",\ninf,-inf\n", w.toString());
  }

  @Test
  void alignsText() {
    String text = new Table("model", "error").addRow("poincare", 1e-10).addRow("e", 2.0).toText();
    String[] lines = text.split("\n");
    assertEquals(4, lines.length);
    assertEquals("model     error", lines[0]);
    assertEquals("poincare  1e-10", lines[2]);
    assertEquals("e" + " ".repeat(13) + "2", lines[3]);
  }

  @Test
  void rejectsRowsOfTheWrongLength() {
    Table t = new Table("a", "b");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.addRow(1));
    assertTrue(e.getMessage().contains("must have 2 values"), e.getMessage());
  }
}

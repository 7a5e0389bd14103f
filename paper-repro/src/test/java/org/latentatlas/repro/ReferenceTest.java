package org.latentatlas.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceTest {

  private static final Reference MAP =
      new Reference(0.9, Reference.Source.PAPER, Reference.Direction.HIGHER_IS_BETTER, "");
  private static final Reference RANK =
      new Reference(2.0, Reference.Source.PAPER, Reference.Direction.LOWER_IS_BETTER, "");
  private static final Reference RADIUS =
      new Reference(15, Reference.Source.REQUIREMENT, Reference.Direction.HIGHER_IS_BETTER, "");

  @Test
  void paperVerdicts() {
    assertEquals("matches", MAP.verdict(0.905));
    assertEquals("better", MAP.verdict(0.95));
    assertEquals("worse", MAP.verdict(0.8));
    assertEquals("better", RANK.verdict(1.5));
    assertEquals("worse", RANK.verdict(2.5));
    assertEquals("missing", RANK.verdict(null));
    assertEquals("missing", RANK.verdict(Double.NaN));
  }

  @Test
  void requirementVerdicts() {
    assertEquals("meets", RADIUS.verdict(15.0));
    assertEquals("meets", RADIUS.verdict(23.2));
    assertEquals("fails", RADIUS.verdict(14.8));
    assertTrue(Reference.isWorse("fails"));
    assertTrue(Reference.isWorse("worse"));
    assertFalse(Reference.isWorse("matches"));
  }

  @Test
  void rejectsNonFiniteReference() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Reference(
                Double.NaN, Reference.Source.PAPER, Reference.Direction.LOWER_IS_BETTER, ""));
  }
}
